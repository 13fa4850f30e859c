import { describe, expect, it } from 'vitest';
import { translator } from '../../../i18n/index.ts';
import type { RunBody } from '../../schemas.ts';
import { syncPage } from './sync.ts';

// The Sync page names what the latest run went on under (SyncSummary.warnings), e.g. a Salesforce
// integration user without View All Data, whose reads are partial rather than refused.

const run = (over: Partial<RunBody>): RunBody =>
  ({
    id: 'run-1',
    kind: 'incremental',
    status: 'succeeded',
    startedAt: new Date().toISOString(),
    finishedAt: new Date().toISOString(),
    durationMs: 1000,
    error: null,
    stats: {},
    ...over,
  }) as RunBody;

const input = (runs: RunBody[]) => ({
  runs,
  limit: { label: 'x', perWindow: null, windowMs: 10_000 },
  writeFailures: [],
  timelineFailures: [],
  lastWebhook: null,
  webhooksTracked: false,
});

describe('Sync page warnings', () => {
  it('lists the latest finished run’s warnings by code', () => {
    const html = syncPage(
      input([
        run({
          stats: {
            warnings: [{ code: 'salesforce_view_all_data_missing', message: 'lacks "View All Data"' }],
          },
        }),
      ]),
    );
    expect(html).toContain('id="sync-warnings"');
    expect(html).toContain('data-code="salesforce_view_all_data_missing"');
  });

  it('says the codes the catalogue knows in the reader’s language; an unknown code keeps its message', () => {
    const runs = [
      run({
        stats: {
          warnings: [
            { code: 'salesforce_view_all_data_missing', message: 'lacks "View All Data"' },
            { code: 'some_new_condition', message: 'Something the catalogue does not know yet.' },
          ],
        },
      }),
    ];
    const ja = syncPage({ ...input(runs), tr: translator('ja') });
    expect(ja).toContain('連携ユーザーに「すべてのデータの参照」(View All Data) 権限がありません');
    expect(ja).not.toContain('lacks &quot;View All Data&quot;');
    expect(ja).toContain('Something the catalogue does not know yet.');
    const en = syncPage(input(runs));
    expect(en).toContain('The integration user lacks &quot;View All Data&quot;: Salesforce returns only');
  });

  it('shows no warnings section when the run had none', () => {
    expect(syncPage(input([run({})]))).not.toContain('sync-warnings');
  });
});
