import { api, LightningElement } from 'lwc';

// Stand-in for lightning-spinner: SLDS spinner markup.
export default class Spinner extends LightningElement {
  @api alternativeText;
  @api size = 'medium';

  get spinnerClass() {
    return `slds-spinner slds-spinner_${this.size}`;
  }
}
