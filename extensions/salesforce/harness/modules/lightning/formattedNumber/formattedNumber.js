import LOCALE from '@salesforce/i18n/locale';
import { api, LightningElement } from 'lwc';

// Stand-in for lightning-formatted-number: Intl.NumberFormat in the user's locale, as the real one
// uses; the currency is the one the card passes (currency-code), USD when none.
export default class FormattedNumber extends LightningElement {
  @api value;
  @api formatStyle = 'decimal';
  @api currencyCode = 'USD';
  @api maximumFractionDigits;

  get text() {
    if (this.value === null || this.value === undefined) return '';
    const options = { style: this.formatStyle };
    if (this.formatStyle === 'currency') options.currency = this.currencyCode || 'USD';
    if (this.maximumFractionDigits !== undefined)
      options.maximumFractionDigits = Number(this.maximumFractionDigits);
    return new Intl.NumberFormat(LOCALE, options).format(this.value);
  }
}
