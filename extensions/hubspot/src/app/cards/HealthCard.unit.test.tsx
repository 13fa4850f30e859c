import {
  Alert,
  Button,
  EmptyState,
  ErrorState,
  LineChart,
  Link,
  List,
  LoadingSpinner,
  ScoreCircle,
  StatusTag,
  Text,
} from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import type { CardResponse, CardScore } from './definition/card-response.ts';
import { companyUrl, rescoreUrl } from './definition/endpoints.ts';
import { HealthCard } from './HealthCard.tsx';
import { type CardClient, createCardClient, type Fetcher } from './utils/card-client.ts';

const NOW = Date.UTC(2026, 9, 1, 12);
const links = {
  dashboard: 'https://vigil.example.com/companies/101?portalId=1001',
  settings: 'https://vigil.example.com/settings?portalId=1001',
};

function scored(overrides: Partial<CardScore> = {}): CardResponse {
  return {
    state: 'scored',
    companyId: '101',
    currency: 'USD',
    links,
    score: {
      health: 72.4,
      status: 'healthy',
      change30d: -6.5,
      confidence: 0.85,
      lowConfidence: false,
      tier: 'high',
      expectedLtv: 480_000,
      arr: 120_000,
      risk: 31,
      riskLevel: 'medium',
      reasons: [
        { code: 'renewal_soon_low_health', sentence: 'Renewal in 45 days while health is 52.' },
        { code: 'urgent_tickets', sentence: '2 urgent tickets are open.' },
      ],
      history: [
        { at: NOW - 20 * 86_400_000, health: 78.9 },
        { at: NOW - 2 * 86_400_000, health: 72.4 },
      ],
      scoredAt: NOW - 3 * 3_600_000,
      ownerId: '3001',
      ownerName: 'Aiko Tanaka',
      ...overrides,
    },
  };
}

interface Call {
  url: string;
  method: string | undefined;
}

/** A hubspot.fetch stand-in: answers by URL and records the calls. */
function fakeFetch(answer: (url: string, n: number) => { status: number; body: unknown }) {
  const calls: Call[] = [];
  const fetcher: Fetcher = async (url, options) => {
    calls.push({ url, method: options?.method });
    const a = answer(url, calls.length);
    return new Response(JSON.stringify(a.body), {
      status: a.status,
      headers: { 'content-type': 'application/json' },
    });
  };
  return { fetcher, calls };
}

/** One card instance whose record changes (by a click) while its first request is still out. */
function Switcher({ client }: { client: CardClient }) {
  const [companyId, setCompanyId] = useState('101');
  return (
    <>
      <Button testId="switch" onClick={() => setCompanyId('202')}>
        switch
      </Button>
      <HealthCard companyId={companyId} client={client} now={() => NOW} />
    </>
  );
}

/** Polls a condition outside React (the renderer's waitFor re-checks only on renders). */
async function until(condition: () => boolean, timeoutMs = 1_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

function renderCard(fetcher: Fetcher, locale: string, companyId = '101') {
  const renderer = createRenderer('crm.record.sidebar');
  renderer.render(
    <HealthCard companyId={companyId} client={createCardClient(fetcher)} locale={locale} now={() => NOW} />,
  );
  return renderer;
}

/** What the card must read in each language HubSpot hands it (context.user.locale). */
const TEXT = {
  'en-US': {
    loading: 'Loading customer health',
    healthy: 'Healthy',
    change: '−6.5 in 30 days',
    tier: 'High touch',
    ltv: '$480K',
    ltvYen: '¥3M',
    risk: 'Medium (31)',
    scoredAt: 'Last scored 3 hours ago',
    thinTitle: 'Thin data',
    thinBody: 'Only 35% of the scoring weight had data',
    notScored: 'Not scored yet',
    rescore: 'Rescore now',
    rescoring: 'Rescoring…',
    errorTitle: 'Customer health is unavailable',
    error401: 'Vigil answered 401',
    shape: 'does not understand',
    notInstalled: 'not connected to this HubSpot account',
    badSignature: "HubSpot's signature",
    error502: 'Vigil answered 502',
    noReasons: 'No churn warning signs.',
    noHistory: 'The trend appears after the next score change.',
    dashboard: 'Open in Vigil',
    ownerName: 'Aiko Tanaka',
    owner: 'Owner: Aiko Tanaka',
    ownerUnnamed: 'Owner: unknown (ID 3001)',
    noOwner: 'No owner',
  },
  'ja-JP': {
    loading: 'カスタマーヘルスを読み込み中',
    healthy: '良好',
    change: '30日間で−6.5',
    tier: 'ハイタッチ',
    ltv: '$48万',
    ltvYen: '￥300万',
    risk: '中（31）',
    scoredAt: '最終スコアリング：3 時間前',
    thinTitle: 'データ不足',
    thinBody: 'スコアの重みの35%のみです',
    notScored: 'まだスコアがありません',
    rescore: '今すぐ再スコア',
    rescoring: '再スコア中…',
    errorTitle: 'カスタマーヘルスを表示できません',
    error401: 'Vigilがエラー401を返しました',
    shape: '想定と異なります',
    notInstalled: 'このHubSpotアカウントに接続されていません',
    badSignature: 'HubSpotの署名を受け付けませんでした',
    error502: 'Vigilがエラー502を返しました',
    noReasons: '解約の兆候はありません。',
    noHistory: '次にスコアが変わるとトレンドが表示されます。',
    dashboard: 'Vigilで開く',
    ownerName: '田中 愛子',
    owner: '担当者：田中 愛子',
    ownerUnnamed: '担当者：不明（ID 3001）',
    noOwner: '担当者なし',
  },
} as const;

describe.each(Object.entries(TEXT))('HealthCard in %s', (locale, text) => {
  it('shows a spinner while loading', () => {
    const { fetcher } = fakeFetch(() => ({ status: 200, body: scored() }));
    const { find, maybeFind } = renderCard(fetcher, locale);
    expect(find(LoadingSpinner).props.label).toBe(text.loading);
    expect(maybeFind(ScoreCircle)).toBeNull();
  });

  it('shows score, status, change, tier with LTV, risk with reasons, history and last scored', async () => {
    const { fetcher, calls } = fakeFetch(() => ({ status: 200, body: scored() }));
    const { find, findByTestId, waitFor, maybeFindByTestId } = renderCard(fetcher, locale);
    await waitFor(() => expect(find(ScoreCircle).props.score).toBe(72));
    expect(calls).toEqual([{ url: companyUrl('101'), method: 'GET' }]);
    expect(findByTestId(StatusTag, 'health-status').text).toBe(text.healthy);
    expect(findByTestId(StatusTag, 'health-status').props.variant).toBe('success');
    expect(findByTestId(Text, 'health-change').text).toBe(text.change);
    expect(findByTestId(Text, 'tier').text).toBe(text.tier);
    expect(findByTestId(Text, 'expected-ltv').text).toBe(text.ltv);
    expect(findByTestId(StatusTag, 'risk-level').text).toBe(text.risk);
    // The sentences come from Vigil, already in the portal's language: shown as sent.
    expect(
      findByTestId(List, 'reasons')
        .findAll(Text)
        .map((t) => t.text),
    ).toEqual(['Renewal in 45 days while health is 52.', '2 urgent tickets are open.']);
    expect(findByTestId(LineChart, 'history').props.data).toEqual([
      { date: new Date(NOW - 20 * 86_400_000).toISOString(), health: 78.9 },
      { date: new Date(NOW - 2 * 86_400_000).toISOString(), health: 72.4 },
    ]);
    expect(findByTestId(Text, 'scored-at').text).toBe(text.scoredAt);
    expect(findByTestId(Link, 'settings').props.href).toBe(links.settings);
    expect(findByTestId(Link, 'dashboard').text).toBe(text.dashboard);
    expect(maybeFindByTestId(Alert, 'low-confidence')).toBeNull();
  });

  it("shows the company's owner by name, by id when Vigil knows no name, and says when nobody owns it", async () => {
    const cases = [
      [{ ownerName: text.ownerName }, text.owner],
      [{ ownerName: null }, text.ownerUnnamed],
      [{ ownerId: null, ownerName: null }, text.noOwner],
    ] as const;
    for (const [owner, shown] of cases) {
      const { fetcher } = fakeFetch(() => ({ status: 200, body: scored(owner) }));
      const { findByTestId, waitFor } = renderCard(fetcher, locale);
      await waitFor(() => expect(findByTestId(Text, 'owner').text).toBe(shown));
    }
  });

  it('shows amounts in the portal currency the card API names', async () => {
    const body = { ...scored({ expectedLtv: 3_000_000 }), currency: 'JPY' };
    const { fetcher } = fakeFetch(() => ({ status: 200, body }));
    const { findByTestId, waitFor } = renderCard(fetcher, locale);
    await waitFor(() => expect(findByTestId(Text, 'expected-ltv').text).toBe(text.ltvYen));
  });

  it('says when there are no reasons and no trend yet', async () => {
    const body = scored({ reasons: [], history: [] });
    const { fetcher } = fakeFetch(() => ({ status: 200, body }));
    const { findByTestId, waitFor } = renderCard(fetcher, locale);
    await waitFor(() => expect(findByTestId(Text, 'no-reasons').text).toBe(text.noReasons));
    expect(findByTestId(Text, 'no-history').text).toBe(text.noHistory);
  });

  it('says when the data is thin', async () => {
    const body = scored({ confidence: 0.35, lowConfidence: true, status: 'at_risk', health: 31 });
    const { fetcher } = fakeFetch(() => ({ status: 200, body }));
    const { findByTestId, waitFor } = renderCard(fetcher, locale);
    await waitFor(() => expect(findByTestId(Alert, 'low-confidence').props.title).toBe(text.thinTitle));
    expect(findByTestId(Alert, 'low-confidence').text).toContain(text.thinBody);
    expect(findByTestId(StatusTag, 'health-status').props.variant).toBe('danger');
  });

  it('shows the not-yet-scored state with a rescore action', async () => {
    const body: CardResponse = { state: 'not_scored', companyId: '101', currency: 'USD', links };
    const { fetcher } = fakeFetch(() => ({ status: 200, body }));
    const { find, findByTestId, waitFor, maybeFind } = renderCard(fetcher, locale);
    await waitFor(() => expect(find(EmptyState).props.title).toBe(text.notScored));
    expect(findByTestId(Button, 'rescore').text).toBe(text.rescore);
    expect(maybeFind(ScoreCircle)).toBeNull();
  });

  it('shows the error state when Vigil answers an error, and retries', async () => {
    const { fetcher, calls } = fakeFetch((_url, n) =>
      n === 1 ? { status: 401, body: { error: { code: 'bad_signature' } } } : { status: 200, body: scored() },
    );
    const { find, findByTestId, waitFor } = renderCard(fetcher, locale);
    await waitFor(() => expect(find(ErrorState).props.title).toBe(text.errorTitle));
    expect(find(ErrorState).find(Text).text).toBe(text.error401);
    findByTestId(Button, 'retry').trigger('onClick');
    await waitFor(() => expect(find(ScoreCircle).props.score).toBe(72));
    expect(calls).toHaveLength(2);
  });

  it("unwraps HubSpot's proxy envelope around a non-2xx answer and says Vigil's reason", async () => {
    // HubSpot's fetch proxy answers 200 with its own envelope when Vigil answered non-2xx
    // (@hubspot/ui-extensions-dev-server dist/lib/proxy/AppProxyService.js, "mirroring
    // current backend proxy behavior"): the card must not call that "not understood".
    const { fetcher } = fakeFetch(() => ({
      status: 200,
      body: {
        status: 'error',
        category: 'BAD_GATEWAY',
        message: 'Error returned from Request Uri',
        context: { appServerStatusCode: ['404'], portalId: ['1001'] },
        responseBody: { error: { code: 'not_installed', message: 'Vigil is not installed in this portal' } },
        errors: [{ message: 'Unacceptable HTTP status 404 calling https://vigil.example.com/…' }],
      },
    }));
    const { find, waitFor } = renderCard(fetcher, locale);
    await waitFor(() => expect(find(ErrorState).find(Text).text).toContain(text.notInstalled));
  });

  it('says the status when the proxy envelope carries no Vigil body, and reads an unwrapped error body', async () => {
    const wrapped = fakeFetch(() => ({
      status: 200,
      body: {
        status: 'error',
        message: 'Error returned from Request Uri',
        context: { appServerStatusCode: ['502'] },
      },
    }));
    const first = renderCard(wrapped.fetcher, locale);
    await first.waitFor(() => expect(first.find(ErrorState).find(Text).text).toContain(text.error502));
    const plain = fakeFetch(() => ({
      status: 401,
      body: { error: { code: 'bad_signature', message: 'The request is not signed by HubSpot' } },
    }));
    const second = renderCard(plain.fetcher, locale);
    await second.waitFor(() => expect(second.find(ErrorState).find(Text).text).toContain(text.badSignature));
  });

  it('sends its portal along, for the dev proxy that appends none', async () => {
    const { fetcher, calls } = fakeFetch(() => ({ status: 200, body: scored() }));
    await createCardClient(fetcher, { portalId: 1001 }).company('101');
    expect(new URL(calls[0]!.url).searchParams.get('portal')).toBe('1001');
  });

  it('shows the error state for an answer of the wrong shape or an unknown currency', async () => {
    for (const body of [
      { state: 'scored', companyId: '101' },
      { ...scored(), currency: 'XXQ' },
    ]) {
      const { fetcher } = fakeFetch(() => ({ status: 200, body }));
      const { find, waitFor } = renderCard(fetcher, locale);
      await waitFor(() => expect(find(ErrorState).find(Text).text).toContain(text.shape));
    }
  });

  it('rescores on request, then reloads the card', async () => {
    let rescored = false;
    const { fetcher, calls } = fakeFetch((url) => {
      if (url === rescoreUrl('101')) {
        rescored = true;
        return { status: 202, body: { queued: true, companyId: '101' } };
      }
      return { status: 200, body: scored(rescored ? { health: 55, status: 'neutral' } : {}) };
    });
    const renderer = renderCard(fetcher, locale);
    await renderer.waitFor(() => expect(renderer.find(ScoreCircle).props.score).toBe(72));
    renderer.findByTestId(Button, 'rescore').trigger('onClick');
    await renderer.waitFor(() => expect(renderer.findByTestId(Button, 'rescore').text).toBe(text.rescoring));
    expect(calls.map((c) => [c.method, c.url])).toContainEqual(['POST', rescoreUrl('101')]);
    await renderer.waitFor(() => expect(renderer.find(ScoreCircle).props.score).toBe(55), {
      timeoutInMs: 6_000,
    });
    expect(renderer.findByTestId(Button, 'rescore').text).toBe(text.rescore);
  });
});

describe('HealthCard', () => {
  it('falls back to English for a locale Vigil does not speak', () => {
    const { fetcher } = fakeFetch(() => ({ status: 200, body: scored() }));
    const { find } = renderCard(fetcher, 'fr-FR');
    expect(find(LoadingSpinner).props.label).toBe(TEXT['en-US'].loading);
  });

  it('ignores a stale answer that arrives after a newer request', async () => {
    const pending = new Map<string, (r: Response) => void>();
    const fetcher: Fetcher = (url) => new Promise((resolve) => pending.set(url, resolve));
    const client = createCardClient(fetcher);
    const renderer = createRenderer('crm.record.sidebar');
    renderer.render(<Switcher client={client} />);
    await until(() => pending.size === 1);
    renderer.findByTestId(Button, 'switch').trigger('onClick');
    await until(() => pending.size === 2);
    const respond = (url: string, body: CardResponse) =>
      pending.get(url)?.(new Response(JSON.stringify(body), { status: 200 }));
    respond(companyUrl('202'), { ...scored({ health: 40, status: 'neutral' }), companyId: '202' });
    await renderer.waitFor(() => expect(renderer.find(ScoreCircle).props.score).toBe(40));
    respond(companyUrl('101'), scored());
    // waitFor flushes React's updates while it polls: the stale 72 must never show up.
    await expect(
      renderer.waitFor(() => expect(renderer.find(ScoreCircle).props.score).toBe(72), { timeoutInMs: 300 }),
    ).rejects.toThrow();
    expect(renderer.find(ScoreCircle).props.score).toBe(40);
  });
});
