import { api, LightningElement } from 'lwc';

// Stand-in for lightning-card (base components exist only inside Salesforce): SLDS card markup.
export default class Card extends LightningElement {
  @api title;
  @api iconName;

  get iconSrc() {
    const [kind, name] = String(this.iconName || '').split(':');
    return `${window.SLDS_ASSETS}/icons/${kind}/${name}.svg`;
  }

  get iconClass() {
    const [kind, name] = String(this.iconName || '').split(':');
    return `slds-icon_container slds-icon-${kind}-${name}`;
  }
}
