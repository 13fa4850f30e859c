import CURRENCY from '@salesforce/i18n/currency';
import LOCALE from '@salesforce/i18n/locale';
import OWNER_NAME from '@salesforce/schema/Account.Owner.Name';
import CHURN_REASONS from '@salesforce/schema/Account.Vigil_Churn_Reasons__c';
import CHURN_RISK from '@salesforce/schema/Account.Vigil_Churn_Risk__c';
import CHURN_RISK_LEVEL from '@salesforce/schema/Account.Vigil_Churn_Risk_Level__c';
import CHURN_SUMMARY from '@salesforce/schema/Account.Vigil_Churn_Summary__c';
import EXPECTED_LTV from '@salesforce/schema/Account.Vigil_Expected_LTV__c';
import HEALTH_CHANGE from '@salesforce/schema/Account.Vigil_Health_Change_30d__c';
import HEALTH_SCORE from '@salesforce/schema/Account.Vigil_Health_Score__c';
import HEALTH_STATUS from '@salesforce/schema/Account.Vigil_Health_Status__c';
import CONFIDENCE from '@salesforce/schema/Account.Vigil_Score_Confidence__c';
import SCORED_AT from '@salesforce/schema/Account.Vigil_Scored_At__c';
import TOUCH_TIER from '@salesforce/schema/Account.Vigil_Touch_Tier__c';
import { getRecord } from 'lightning/uiRecordApi';
import { api, LightningElement, wire } from 'lwc';
import LABELS from './labels';
import { cardView, errorMessage } from './view';

// Every field goes in optionalFields, none in fields: a field the rep may not read (field-level
// security) is left out of the record instead of failing the whole wire, so the card shows what it
// may read and says what is hidden. Schema imports (not strings) make the platform refuse to delete
// a field the card uses, and pick up a package namespace by themselves.
const FIELDS = [
  HEALTH_SCORE,
  HEALTH_STATUS,
  HEALTH_CHANGE,
  CONFIDENCE,
  TOUCH_TIER,
  EXPECTED_LTV,
  CHURN_RISK,
  CHURN_RISK_LEVEL,
  CHURN_REASONS,
  CHURN_SUMMARY,
  SCORED_AT,
];

// The account owner's name, across the Owner relationship (a spanned field: "Import Objects and Fields
// from @salesforce/schema", LWC guide). Optional like the rest: a rep who may not read users' names
// gets the card without the owner row. Not one of Vigil's fields, so never reported hidden.
const OWNER_FIELDS = [OWNER_NAME];

// Multi-currency orgs only: the Account's own currency, the one its currency fields (Expected LTV) are
// in. Named as a string, not a schema import: single-currency orgs have no such field, and an import of
// a missing field fails the deploy; as an optional field it is simply absent from their records.
const RECORD_CURRENCY = 'Account.CurrencyIsoCode';

export default class VigilHealthCard extends LightningElement {
  @api recordId;
  /** Vigil's public URL, set per page in Lightning App Builder; the "Open in Vigil" link goes there. */
  @api vigilUrl;
  /** Below this confidence (0–1) the card says the data is thin. */
  @api lowConfidenceBelow = 0.6;

  record;
  error;
  view;
  /** The card's words in the user's language (custom labels, translated in Translation Workbench). */
  labels = LABELS;

  @wire(getRecord, { recordId: '$recordId', optionalFields: [...FIELDS, ...OWNER_FIELDS, RECORD_CURRENCY] })
  wiredRecord({ data, error }) {
    this.record = data;
    this.error = error;
    this.view = data
      ? cardView(data, FIELDS, {
          recordId: this.recordId,
          vigilUrl: this.vigilUrl,
          lowConfidenceBelow: Number(this.lowConfidenceBelow),
          locale: LOCALE,
        })
      : undefined;
  }

  get isLoading() {
    return !this.record && !this.error;
  }

  get hasError() {
    return Boolean(this.error);
  }

  get errorText() {
    return errorMessage(this.error);
  }

  /**
   * Expected LTV's currency: the record's in a multi-currency org, else the user's
   * (`@salesforce/i18n/currency`), which in a single-currency org is the org's — the one Vigil
   * computes amounts in.
   */
  get currencyCode() {
    return this.record?.fields?.CurrencyIsoCode?.value || CURRENCY;
  }

  get hasLink() {
    return Boolean(this.view?.hasLink);
  }
}
