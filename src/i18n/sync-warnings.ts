import type { Translator } from './translator.ts';

/** A sync warning as the run keeps it (SyncWarning in src/connectors/types.ts), read leniently. */
export interface WarningLike {
  readonly code: string;
  readonly message: string;
  readonly params?: Readonly<Record<string, string | number>> | undefined;
}

/**
 * A sync warning in the reader's language: the catalogue's sentence for the codes it knows, filled
 * from the warning's params; any other code (or one kept without its params) keeps its message.
 */
export function syncWarningText(w: WarningLike, tr: Translator): string {
  const p = w.params ?? {};
  switch (w.code) {
    case 'salesforce_fields_missing': {
      const { object, fields, count } = p;
      if (typeof object !== 'string' || typeof fields !== 'string' || typeof count !== 'number')
        return w.message;
      return tr.t('warning.salesforce_fields_missing', { object, fields, count });
    }
    case 'salesforce_view_all_data_missing':
      return tr.t('warning.salesforce_view_all_data_missing');
    default:
      return w.message;
  }
}
