import { api, LightningElement } from 'lwc';

// Stand-in for lightning-formatted-number: Intl.NumberFormat, as the real one uses (currency: USD here;
// in Salesforce the user's locale currency).
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
    return new Intl.NumberFormat('en-US', options).format(this.value);
  }
}
