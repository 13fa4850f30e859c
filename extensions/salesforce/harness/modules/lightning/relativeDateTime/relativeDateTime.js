import LOCALE from '@salesforce/i18n/locale';
import { api, LightningElement } from 'lwc';

// Stand-in for lightning-relative-date-time: "2 hours ago" (2 時間前) with Intl.RelativeTimeFormat in
// the user's locale.
const UNITS = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

export default class RelativeDateTime extends LightningElement {
  @api value;

  get text() {
    const diff = new Date(this.value).getTime() - Date.now();
    const format = new Intl.RelativeTimeFormat(LOCALE, { numeric: 'auto' });
    for (const [unit, ms] of UNITS)
      if (Math.abs(diff) >= ms) return format.format(Math.round(diff / ms), unit);
    return format.format(0, 'minute');
  }
}
