// Stand-in for lightning/uiRecordApi: a getRecord wire adapter that answers with the page's fixture
// (window.VIGIL_FIXTURE = { data } or { error }) and, like Lightning Data Service, leaves out the
// optional fields the fixture does not carry (as if field-level security hid them).
export class getRecord {
  constructor(dataCallback) {
    this.dataCallback = dataCallback;
  }

  update(config) {
    const fixture = window.VIGIL_FIXTURE || {};
    if (fixture.error) {
      this.dataCallback({ data: undefined, error: fixture.error });
      return;
    }
    const fields = {};
    for (const f of config.optionalFields || []) {
      // A spanned field (`Owner.Name`) comes back under its relationship (`fields.Owner`), the related
      // record as its value; the fixture carries it that way.
      const key = f.fieldApiName?.split('.')[0];
      const entry = key === undefined ? undefined : fixture.data?.fields[key];
      if (entry !== undefined) fields[key] = entry;
    }
    this.dataCallback({ data: { apiName: 'Account', id: config.recordId, fields }, error: undefined });
  }

  connect() {}

  disconnect() {}
}
