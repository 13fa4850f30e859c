import type { Translator } from '../../i18n/index.ts';
import { jsonScript, type SafeHtml } from './html.ts';

/**
 * Words a page's script writes (status lines, a preview), said on the server in the
 * reader's language and handed over as a JSON block (the CSP allows no inline script).
 * A `{name}` left in a text is filled in by the script with a value it learns later
 * (public/ui-text.js's `say`); texts are whole sentences, never pieced together.
 */
export function uiText(tr: Translator, texts: Record<string, string>): SafeHtml {
  return jsonScript('ui-text', { locale: tr.locale, timeZone: tr.timeZone, texts });
}
