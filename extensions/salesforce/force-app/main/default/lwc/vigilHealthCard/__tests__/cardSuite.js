// Every state of the card, for one user locale. The test files (vigilHealthCard.en.test.js,
// vigilHealthCard.ja.test.js) mock the custom labels with that language's texts from the one label
// source (scripts/card-labels.json) and `@salesforce/i18n/locale` / `currency` with the user's, then
// run this suite: each test file has its own module registry, so each loads the card in its own
// language. Expected texts are the label source's, filled in as the card fills them, plus literal
// spot checks per language (`spot`) so a card stuck in English cannot pass the Japanese run.

const LABEL_SOURCE = require('../../../../../../scripts/card-labels.json');

/** Registers the label and i18n mocks; call before `cardSuite` (which loads the component). */
function mockLocale({ locale, lang, currency }) {
  for (const [name, label] of Object.entries(LABEL_SOURCE))
    jest.doMock(`@salesforce/label/c.${name}`, () => ({ default: label[lang] }), { virtual: true });
  jest.doMock('@salesforce/i18n/locale', () => ({ default: locale }), { virtual: true });
  jest.doMock('@salesforce/i18n/currency', () => ({ default: currency }), { virtual: true });
}

// getRecord answers as Lightning Data Service gives them: every readable field requested in
// optionalFields is present with { value, displayValue }; a field the rep may not read is absent.
const ALL = {
  Vigil_Health_Score__c: { value: 82, displayValue: null },
  Vigil_Health_Status__c: { value: 'healthy', displayValue: 'Healthy' },
  Vigil_Health_Change_30d__c: { value: 6.5, displayValue: null },
  Vigil_Score_Confidence__c: { value: 0.92, displayValue: null },
  Vigil_Touch_Tier__c: { value: 'high', displayValue: 'High touch' },
  Vigil_Expected_LTV__c: { value: 412000, displayValue: null },
  Vigil_Churn_Risk__c: { value: 12, displayValue: null },
  Vigil_Churn_Risk_Level__c: { value: 'low', displayValue: 'Low' },
  Vigil_Churn_Reasons__c: { value: 'renewal_at_risk', displayValue: 'Renewal at risk' },
  Vigil_Churn_Summary__c: {
    value: 'The renewal is in 45 days with no renewal deal open.',
    displayValue: null,
  },
  Vigil_Scored_At__c: { value: '2026-12-01T09:30:00.000Z', displayValue: null },
};

// The account's owner as getRecord gives a spanned field (`Account.Owner.Name`): under the relationship
// name, its value the related User record with the fields asked for (UI API Record representation, as
// in Lightning Data Service's own record mocks: `CreatedBy: { displayValue, value: { apiName: 'User',
// fields: { Name: { value } } } }`).
function owner(name) {
  return {
    displayValue: name,
    value: {
      apiName: 'User',
      childRelationships: {},
      fields: { Name: { displayValue: null, value: name } },
      id: '005000000000001AAA',
    },
  };
}

function cardSuite({ locale, lang, currency, spot }) {
  const VigilHealthCard = require('c/vigilHealthCard').default;
  const { getRecord } = require('lightning/uiRecordApi');
  const { createElement } = require('lwc');
  const L = (name, ...args) =>
    String(LABEL_SOURCE[name][lang]).replace(/\{(\d+)\}/g, (_, i) => String(args[Number(i)]));

  const record = (fields) => ({ apiName: 'Account', id: '001000000000001AAA', fields });
  const without = (names) =>
    Object.fromEntries(Object.entries(ALL).filter(([name]) => !names.includes(name)));

  function mount(props = {}) {
    const element = createElement('c-vigil-health-card', { is: VigilHealthCard });
    Object.assign(element, {
      recordId: '001000000000001AAA',
      vigilUrl: 'https://vigil.example.com',
      ...props,
    });
    document.body.appendChild(element);
    return element;
  }

  const $ = (element, id) => element.shadowRoot.querySelector(`[data-id="${id}"]`);
  const flush = () => Promise.resolve();
  const texts = (element, id) => [...$(element, id).querySelectorAll('li')].map((li) => li.textContent);

  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    jest.clearAllMocks();
  });

  describe(`c-vigil-health-card (${locale})`, () => {
    it('asks for every Vigil field as optional, none as required, for the page record', async () => {
      mount();
      await flush();
      const config = getRecord.getLastConfig();
      expect(config.recordId).toBe('001000000000001AAA');
      expect(config.fields).toBeUndefined();
      const byReference = config.optionalFields.filter((f) => typeof f !== 'string');
      expect(byReference.every((f) => f.objectApiName === 'Account')).toBe(true);
      const vigil = byReference.filter((f) => f.fieldApiName.startsWith('Vigil_'));
      expect(vigil.map((f) => f.fieldApiName).sort()).toEqual(Object.keys(ALL).sort());
      // The owner's name across the Owner relationship, optional too (a rep may not see users' names).
      expect(
        byReference.filter((f) => !f.fieldApiName.startsWith('Vigil_')).map((f) => f.fieldApiName),
      ).toEqual(['Owner.Name']);
      // The record's currency by name (multi-currency orgs only; absent elsewhere).
      expect(config.optionalFields.filter((f) => typeof f === 'string')).toEqual(['Account.CurrencyIsoCode']);
    });

    it('shows a spinner while loading, titled in the user’s language', async () => {
      const element = mount();
      await flush();
      expect($(element, 'loading')).not.toBeNull();
      expect(element.shadowRoot.querySelector('lightning-spinner').alternativeText).toBe(
        L('Vigil_Card_Loading'),
      );
      expect(element.shadowRoot.querySelector('lightning-card').title).toBe(spot.title);
      expect($(element, 'score')).toBeNull();
      await expect(element).toBeAccessible();
    });

    it('renders a healthy, scored account: score, status, change, risk, reasons, tier, LTV, last scored, link', async () => {
      const element = mount();
      getRecord.emit(record(ALL));
      await flush();
      expect($(element, 'loading')).toBeNull();
      expect($(element, 'score').textContent).toBe('82');
      expect($(element, 'score').getAttribute('aria-label')).toBe(spot.scoreLabel);
      expect(element.shadowRoot.querySelector('lightning-progress-ring').value).toBe(82);
      expect($(element, 'status').label).toBe(spot.healthy);
      expect($(element, 'status').className).toContain('slds-theme_success');
      expect($(element, 'change').textContent).toBe(spot.changeUp);
      expect($(element, 'risk-level').label).toBe(L('Vigil_Card_Risk_Low'));
      expect($(element, 'risk-score').textContent).toBe('12 / 100');
      expect(texts(element, 'reasons')).toEqual(['The renewal is in 45 days with no renewal deal open.']);
      expect($(element, 'reasons').getAttribute('aria-label')).toBe(L('Vigil_Card_Top_Reasons'));
      expect($(element, 'tier').textContent).toBe(spot.highTouch);
      const ltv = $(element, 'ltv').querySelector('lightning-formatted-number');
      expect(ltv.value).toBe(412000);
      expect(ltv.formatStyle).toBe('currency');
      // The user's currency from @salesforce/i18n/currency: the org's corporate one in a single-currency org.
      expect(ltv.currencyCode).toBe(currency);
      expect($(element, 'confidence').textContent).toBe('92%');
      expect($(element, 'scored-at').querySelector('lightning-relative-date-time').value).toBe(
        Date.parse('2026-12-01T09:30:00.000Z'),
      );
      const labels = [...element.shadowRoot.querySelectorAll('dt')].map((dt) => dt.textContent);
      expect(labels).toEqual([
        L('Vigil_Card_Touch_Tier'),
        L('Vigil_Card_Expected_LTV'),
        L('Vigil_Card_Confidence'),
        L('Vigil_Card_Last_Scored'),
      ]);
      const link = $(element, 'vigil-link');
      expect(link.href).toBe('https://vigil.example.com/companies/001000000000001AAA');
      expect(link.target).toBe('_blank');
      expect(link.rel).toBe('noopener noreferrer');
      expect(link.textContent).toBe(`${spot.open} ${L('Vigil_Card_New_Tab')}`);
      expect($(element, 'low-confidence')).toBeNull();
      expect($(element, 'partial')).toBeNull();
      expect($(element, 'not-scored')).toBeNull();
      await expect(element).toBeAccessible();
    });

    it('renders an at-risk account with its top three reasons as sentences', async () => {
      const element = mount();
      getRecord.emit(
        record({
          ...ALL,
          Vigil_Health_Score__c: { value: 23, displayValue: null },
          Vigil_Health_Status__c: { value: 'at_risk', displayValue: 'At risk' },
          Vigil_Health_Change_30d__c: { value: -14, displayValue: null },
          Vigil_Churn_Risk__c: { value: 81, displayValue: null },
          Vigil_Churn_Risk_Level__c: { value: 'critical', displayValue: 'Critical' },
          Vigil_Churn_Summary__c: { value: spot.summary, displayValue: null },
        }),
      );
      await flush();
      expect($(element, 'status').label).toBe(L('Vigil_Card_Status_At_Risk'));
      expect($(element, 'status').className).toContain('slds-theme_error');
      expect(element.shadowRoot.querySelector('lightning-progress-ring').variant).toBe('expired');
      expect($(element, 'change').textContent).toBe(L('Vigil_Card_Change_Down', '14'));
      expect($(element, 'change').className).toContain('slds-text-color_error');
      expect($(element, 'risk-level').label).toBe(spot.critical);
      expect(element.shadowRoot.querySelector('h3').textContent).toBe(L('Vigil_Card_Churn_Risk'));
      expect(texts(element, 'reasons')).toEqual(spot.summarySentences);
      await expect(element).toBeAccessible();
    });

    it('shows the account owner by name, in the user’s language, and no owner row when the name is not readable', async () => {
      const element = mount();
      getRecord.emit(record({ ...ALL, Owner: owner(spot.ownerName) }));
      await flush();
      expect($(element, 'owner').textContent).toBe(spot.ownerName);
      const labels = [...element.shadowRoot.querySelectorAll('dt')].map((dt) => dt.textContent);
      expect(labels[0]).toBe(spot.ownerLabel);
      expect(labels[0]).toBe(L('Vigil_Card_Owner'));
      await expect(element).toBeAccessible();

      // Left out of the record (the rep may not read the owner's name), or no owner: no row, and
      // nothing reported hidden (the owner is not one of Vigil's fields).
      for (const fields of [ALL, { ...ALL, Owner: { displayValue: null, value: null } }]) {
        getRecord.emit(record(fields));
        await flush();
        expect($(element, 'owner')).toBeNull();
        expect($(element, 'partial')).toBeNull();
        expect($(element, 'score').textContent).toBe('82');
      }
    });

    it('shows Expected LTV in the record’s own currency in a multi-currency org', async () => {
      const element = mount();
      getRecord.emit(record({ ...ALL, CurrencyIsoCode: { value: 'EUR', displayValue: null } }));
      await flush();
      expect($(element, 'ltv').querySelector('lightning-formatted-number').currencyCode).toBe('EUR');
      // The currency is not one of Vigil's fields: nothing is reported hidden.
      expect($(element, 'partial')).toBeNull();
    });

    it('says "no change" for a flat score, and "neutral" for the middle band', async () => {
      const element = mount();
      getRecord.emit(
        record({
          ...ALL,
          Vigil_Health_Status__c: { value: 'neutral', displayValue: 'Neutral' },
          Vigil_Health_Change_30d__c: { value: 0.02, displayValue: null },
          Vigil_Touch_Tier__c: { value: 'tech', displayValue: 'Tech touch' },
          Vigil_Churn_Risk_Level__c: { value: 'medium', displayValue: 'Medium' },
        }),
      );
      await flush();
      expect($(element, 'status').label).toBe(L('Vigil_Card_Status_Neutral'));
      expect($(element, 'change').textContent).toBe(L('Vigil_Card_Change_None'));
      expect($(element, 'change').className).toContain('slds-text-color_weak');
      expect($(element, 'tier').textContent).toBe(L('Vigil_Card_Tier_Tech'));
      expect($(element, 'risk-level').label).toBe(L('Vigil_Card_Risk_Medium'));
      await expect(element).toBeAccessible();
    });

    it('says "not scored yet" when the fields are readable but empty', async () => {
      const element = mount();
      getRecord.emit(
        record(Object.fromEntries(Object.keys(ALL).map((k) => [k, { value: null, displayValue: null }]))),
      );
      await flush();
      expect($(element, 'not-scored').textContent).toBe(spot.notScored);
      expect($(element, 'score')).toBeNull();
      expect($(element, 'status')).toBeNull();
      expect($(element, 'partial')).toBeNull();
      await expect(element).toBeAccessible();
    });

    it('warns of thin data below the confidence threshold, and not at or above it', async () => {
      const element = mount();
      getRecord.emit(record({ ...ALL, Vigil_Score_Confidence__c: { value: 0.45, displayValue: null } }));
      await flush();
      expect($(element, 'low-confidence').textContent).toBe(L('Vigil_Card_Thin_Data', '45%'));
      expect($(element, 'low-confidence').getAttribute('role')).toBe('note');
      await expect(element).toBeAccessible();

      getRecord.emit(record({ ...ALL, Vigil_Score_Confidence__c: { value: 0.6, displayValue: null } }));
      await flush();
      expect($(element, 'low-confidence')).toBeNull();
    });

    it('uses the threshold set in App Builder', async () => {
      const element = mount({ lowConfidenceBelow: '0.95' });
      getRecord.emit(record(ALL));
      await flush();
      expect($(element, 'low-confidence').textContent).toBe(L('Vigil_Card_Thin_Data', '92%'));
    });

    it('renders what the rep may read when field-level security hides some fields, and names the hidden ones', async () => {
      const element = mount();
      getRecord.emit(
        record(without(['Vigil_Expected_LTV__c', 'Vigil_Churn_Summary__c', 'Vigil_Churn_Reasons__c'])),
      );
      await flush();
      expect($(element, 'score').textContent).toBe('82');
      expect($(element, 'tier').textContent).toBe(spot.highTouch);
      expect($(element, 'ltv')).toBeNull();
      expect($(element, 'reasons')).toBeNull();
      expect($(element, 'partial').textContent).toBe(spot.hidden);
      await expect(element).toBeAccessible();
    });

    it('falls back to the reason labels when the summary is hidden but the reasons are not', async () => {
      const element = mount();
      getRecord.emit(record(without(['Vigil_Churn_Summary__c'])));
      await flush();
      expect(texts(element, 'reasons')).toEqual(['Renewal at risk']);
    });

    it('tells a rep who may read none of the fields to ask for the viewer permission set', async () => {
      const element = mount();
      getRecord.emit(record({}));
      await flush();
      expect($(element, 'no-access').textContent).toBe(L('Vigil_Card_No_Access'));
      expect($(element, 'not-scored')).toBeNull();
      expect($(element, 'partial')).toBeNull();
      await expect(element).toBeAccessible();
    });

    it('shows the error as an alert when the record cannot be loaded', async () => {
      const element = mount();
      getRecord.error(
        [{ errorCode: 'INSUFFICIENT_ACCESS', message: 'You do not have access to this record.' }],
        403,
        'Forbidden',
      );
      await flush();
      expect($(element, 'error').getAttribute('role')).toBe('alert');
      expect($(element, 'error').textContent).toBe(spot.loadFailed);
      expect($(element, 'score')).toBeNull();
      await expect(element).toBeAccessible();
    });

    it('asks for a reload when an error carries no message (Lightning Data Service always sends one)', () => {
      const { errorMessage } = require('../view');
      expect(errorMessage({ body: {}, status: 500 })).toBe(L('Vigil_Card_Load_Failed_Retry'));
    });

    it('hides the link when no Vigil URL is set, or when it is not http(s)', async () => {
      for (const vigilUrl of [undefined, '', 'javascript:alert(1)']) {
        const element = mount({ vigilUrl });
        getRecord.emit(record(ALL));
        await flush();
        expect($(element, 'vigil-link')).toBeNull();
        document.body.removeChild(element);
      }
    });

    it('never shows a label’s API name: every label the card uses has a text in this language', async () => {
      const element = mount();
      getRecord.emit(record(without(['Vigil_Expected_LTV__c'])));
      await flush();
      expect(element.shadowRoot.textContent).not.toMatch(/c\.Vigil_|Vigil_Card_/);
    });
  });
}

module.exports = { mockLocale, cardSuite };
