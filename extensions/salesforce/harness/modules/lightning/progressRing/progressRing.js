import { api, LightningElement } from 'lwc';

// Stand-in for lightning-progress-ring: SLDS progress ring markup, the arc drawn as lightning's is.
const VARIANT = {
  warning: 'slds-progress-ring_warning',
  expired: 'slds-progress-ring_expired',
  'base-autocomplete': 'slds-progress-ring_active-step',
  base: '',
};

export default class ProgressRing extends LightningElement {
  @api value = 0;
  @api variant = 'base';
  @api size;

  get ringClass() {
    return [
      'slds-progress-ring',
      this.size === 'large' ? 'slds-progress-ring_large' : '',
      VARIANT[this.variant] || '',
    ].join(' ');
  }

  get path() {
    const fill = Math.min(Math.max(Number(this.value) || 0, 0), 100) / 100;
    const large = fill > 0.5 ? 1 : 0;
    const x = Math.cos(2 * Math.PI * fill);
    const y = Math.sin(2 * Math.PI * fill);
    return `M 1 0 A 1 1 0 ${large} 1 ${x} ${y} L 0 0`;
  }
}
