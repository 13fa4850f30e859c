import { api, LightningElement } from 'lwc';

// Stand-in for lightning-badge: like the real one, the host element is the SLDS badge, so classes
// set on it (slds-theme_success …) theme it.
export default class Badge extends LightningElement {
  @api label;

  connectedCallback() {
    this.classList.add('slds-badge');
  }
}
