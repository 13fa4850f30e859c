import type { ConfigIssue } from '../../domain/config/parse.ts';
import type { Translator } from '../../i18n/index.ts';

/**
 * A scoring-config issue in the reader's language. English readers get the parser's own
 * words (the same the CLI and logs print); other languages say the issue again from its
 * cause (the check and its numbers), so nothing is translated from English text.
 */
export function localiseIssue(issue: ConfigIssue, tr: Translator): ConfigIssue {
  if (tr.locale === 'en') return issue;
  const c = issue.cause;
  const message =
    c.code === 'custom' && c.rule !== undefined
      ? tr.t('config.issue.rule', { rule: c.rule })
      : tr.t('config.issue.message', { code: c.code });
  const hint = tr.t('config.issue.hint', {
    code: c.code,
    expected: c.expected ?? '',
    bound: String(c.minimum ?? c.maximum ?? ''),
    inclusive: c.inclusive === true ? 'yes' : 'no',
    array: c.array === true ? 'yes' : 'no',
    list: (c.keys ?? c.values ?? []).join(', '),
  });
  return { ...issue, message, hint };
}
