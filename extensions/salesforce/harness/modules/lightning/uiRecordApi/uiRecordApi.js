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
      const entry = fixture.data?.fields[f.fieldApiName];
      if (entry !== undefined) fields[f.fieldApiName] = entry;
    }
    this.dataCallback({ data: { apiName: 'Account', id: config.recordId, fields }, error: undefined });
  }

  connect() {}

  disconnect() {}
}
