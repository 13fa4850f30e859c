import VigilHealthCard from 'c/vigilHealthCard';
import { getRecord } from 'lightning/uiRecordApi';
import { createElement } from 'lwc';

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

function record(fields) {
  return { apiName: 'Account', id: '001000000000001AAA', fields };
}

function without(names) {
  return Object.fromEntries(Object.entries(ALL).filter(([name]) => !names.includes(name)));
}

function mount(props = {}) {
  const element = createElement('c-vigil-health-card', { is: VigilHealthCard });
  Object.assign(element, { recordId: '001000000000001AAA', vigilUrl: 'https://vigil.example.com', ...props });
  document.body.appendChild(element);
  return element;
}

const $ = (element, id) => element.shadowRoot.querySelector(`[data-id="${id}"]`);
const flush = () => Promise.resolve();

afterEach(() => {
  while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
  jest.clearAllMocks();
});

describe('c-vigil-health-card', () => {
  it('asks for every Vigil field as optional, none as required, for the page record', async () => {
    mount();
    await flush();
    const config = getRecord.getLastConfig();
    expect(config.recordId).toBe('001000000000001AAA');
    expect(config.fields).toBeUndefined();
    expect(config.optionalFields.map((f) => f.fieldApiName).sort()).toEqual(Object.keys(ALL).sort());
  });

  it('shows a spinner while loading', async () => {
    const element = mount();
    await flush();
    expect($(element, 'loading')).not.toBeNull();
    expect(element.shadowRoot.querySelector('lightning-spinner').alternativeText).toBe(
      "Loading Vigil's health",
    );
    expect($(element, 'score')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('renders a healthy, scored account: score, status, change, risk, reasons, tier, LTV, last scored, link', async () => {
    const element = mount();
    getRecord.emit(record(ALL));
    await flush();
    expect($(element, 'loading')).toBeNull();
    expect($(element, 'score').textContent).toBe('82');
    expect($(element, 'score').getAttribute('aria-label')).toBe('Health score 82 out of 100');
    expect(element.shadowRoot.querySelector('lightning-progress-ring').value).toBe(82);
    expect($(element, 'status').label).toBe('Healthy');
    expect($(element, 'status').className).toContain('slds-theme_success');
    expect($(element, 'change').textContent).toBe('+6.5 in 30 days');
    expect($(element, 'risk-level').label).toBe('Low churn risk');
    expect($(element, 'risk-score').textContent).toBe('12 / 100');
    expect([...$(element, 'reasons').querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      'The renewal is in 45 days with no renewal deal open.',
    ]);
    expect($(element, 'tier').textContent).toBe('High touch');
    const ltv = $(element, 'ltv').querySelector('lightning-formatted-number');
    expect(ltv.value).toBe(412000);
    expect(ltv.formatStyle).toBe('currency');
    expect($(element, 'confidence').textContent).toBe('92%');
    expect($(element, 'scored-at').querySelector('lightning-relative-date-time').value).toBe(
      Date.parse('2026-12-01T09:30:00.000Z'),
    );
    const link = $(element, 'vigil-link');
    expect(link.href).toBe('https://vigil.example.com/companies/001000000000001AAA');
    expect(link.target).toBe('_blank');
    expect(link.rel).toBe('noopener noreferrer');
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
        Vigil_Churn_Summary__c: {
          value:
            'Nobody has logged in for 41 days. 3 urgent tickets are open. Health fell 14 points in 30 days. The NPS answer was a detractor.',
          displayValue: null,
        },
      }),
    );
    await flush();
    expect($(element, 'status').label).toBe('At risk');
    expect($(element, 'status').className).toContain('slds-theme_error');
    expect(element.shadowRoot.querySelector('lightning-progress-ring').variant).toBe('expired');
    expect($(element, 'change').textContent).toBe('−14 in 30 days');
    expect($(element, 'change').className).toContain('slds-text-color_error');
    expect($(element, 'risk-level').label).toBe('Critical churn risk');
    expect([...$(element, 'reasons').querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      'Nobody has logged in for 41 days.',
      '3 urgent tickets are open.',
      'Health fell 14 points in 30 days.',
    ]);
    await expect(element).toBeAccessible();
  });

  it('says "not scored yet" when the fields are readable but empty', async () => {
    const element = mount();
    getRecord.emit(
      record(Object.fromEntries(Object.keys(ALL).map((k) => [k, { value: null, displayValue: null }]))),
    );
    await flush();
    expect($(element, 'not-scored').textContent).toContain('Not scored yet');
    expect($(element, 'score')).toBeNull();
    expect($(element, 'status')).toBeNull();
    expect($(element, 'partial')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('warns of thin data below the confidence threshold, and not at or above it', async () => {
    const element = mount();
    getRecord.emit(record({ ...ALL, Vigil_Score_Confidence__c: { value: 0.45, displayValue: null } }));
    await flush();
    expect($(element, 'low-confidence').textContent).toContain('only 45% of the usual signals');
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
    expect($(element, 'low-confidence').textContent).toContain('only 92%');
  });

  it('renders what the rep may read when field-level security hides some fields, and names the hidden ones', async () => {
    const element = mount();
    getRecord.emit(
      record(without(['Vigil_Expected_LTV__c', 'Vigil_Churn_Summary__c', 'Vigil_Churn_Reasons__c'])),
    );
    await flush();
    expect($(element, 'score').textContent).toBe('82');
    expect($(element, 'tier').textContent).toBe('High touch');
    expect($(element, 'ltv')).toBeNull();
    expect($(element, 'reasons')).toBeNull();
    expect($(element, 'partial').textContent).toBe(
      'Hidden from you: Expected LTV, Churn reasons, Churn summary. Ask your Salesforce admin for the Vigil viewer permission set.',
    );
    await expect(element).toBeAccessible();
  });

  it('falls back to the reason labels when the summary is hidden but the reasons are not', async () => {
    const element = mount();
    getRecord.emit(record(without(['Vigil_Churn_Summary__c'])));
    await flush();
    expect([...$(element, 'reasons').querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      'Renewal at risk',
    ]);
  });

  it('tells a rep who may read none of the fields to ask for the viewer permission set', async () => {
    const element = mount();
    getRecord.emit(record({}));
    await flush();
    expect($(element, 'no-access').textContent).toContain('Vigil viewer permission set');
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
    expect($(element, 'error').textContent).toBe(
      "Vigil's health could not be loaded: You do not have access to this record.",
    );
    expect($(element, 'score')).toBeNull();
    await expect(element).toBeAccessible();
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
});
