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

function renderCard(fetcher: Fetcher, companyId = '101') {
  const renderer = createRenderer('crm.record.sidebar');
  renderer.render(<HealthCard companyId={companyId} client={createCardClient(fetcher)} now={() => NOW} />);
  return renderer;
}

describe('HealthCard', () => {
  it('shows a spinner while loading', () => {
    const { fetcher } = fakeFetch(() => ({ status: 200, body: scored() }));
    const { find, maybeFind } = renderCard(fetcher);
    expect(find(LoadingSpinner).props.label).toBe('Loading customer health');
    expect(maybeFind(ScoreCircle)).toBeNull();
  });

  it('shows score, status, change, tier with LTV, risk with reasons, history and last scored', async () => {
    const { fetcher, calls } = fakeFetch(() => ({ status: 200, body: scored() }));
    const { find, findByTestId, waitFor, maybeFindByTestId } = renderCard(fetcher);
    await waitFor(() => expect(find(ScoreCircle).props.score).toBe(72));
    expect(calls).toEqual([{ url: companyUrl('101'), method: 'GET' }]);
    expect(findByTestId(StatusTag, 'health-status').text).toBe('Healthy');
    expect(findByTestId(StatusTag, 'health-status').props.variant).toBe('success');
    expect(findByTestId(Text, 'health-change').text).toBe('−6.5 in 30 days');
    expect(findByTestId(Text, 'tier').text).toBe('High touch');
    expect(findByTestId(Text, 'expected-ltv').text).toBe('$480k');
    expect(findByTestId(StatusTag, 'risk-level').text).toBe('Medium (31)');
    expect(
      findByTestId(List, 'reasons')
        .findAll(Text)
        .map((t) => t.text),
    ).toEqual(['Renewal in 45 days while health is 52.', '2 urgent tickets are open.']);
    expect(findByTestId(LineChart, 'history').props.data).toEqual([
      { date: new Date(NOW - 20 * 86_400_000).toISOString(), health: 78.9 },
      { date: new Date(NOW - 2 * 86_400_000).toISOString(), health: 72.4 },
    ]);
    expect(findByTestId(Text, 'scored-at').text).toBe('Last scored 3 hours ago');
    expect(findByTestId(Link, 'settings').props.href).toBe(links.settings);
    expect(maybeFindByTestId(Alert, 'low-confidence')).toBeNull();
  });

  it('says when the data is thin', async () => {
    const body = scored({ confidence: 0.35, lowConfidence: true, status: 'at_risk', health: 31 });
    const { fetcher } = fakeFetch(() => ({ status: 200, body }));
    const { findByTestId, waitFor } = renderCard(fetcher);
    await waitFor(() => expect(findByTestId(Alert, 'low-confidence').props.title).toBe('Thin data'));
    expect(findByTestId(Alert, 'low-confidence').text).toContain('Only 35% of the scoring weight had data');
    expect(findByTestId(StatusTag, 'health-status').props.variant).toBe('danger');
  });

  it('shows the not-yet-scored state with a rescore action', async () => {
    const body: CardResponse = { state: 'not_scored', companyId: '101', links };
    const { fetcher } = fakeFetch(() => ({ status: 200, body }));
    const { find, findByTestId, waitFor, maybeFind } = renderCard(fetcher);
    await waitFor(() => expect(find(EmptyState).props.title).toBe('Not scored yet'));
    expect(findByTestId(Button, 'rescore').text).toBe('Rescore now');
    expect(maybeFind(ScoreCircle)).toBeNull();
  });

  it('shows the error state when Vigil answers an error, and retries', async () => {
    const { fetcher, calls } = fakeFetch((_url, n) =>
      n === 1 ? { status: 401, body: { error: { code: 'bad_signature' } } } : { status: 200, body: scored() },
    );
    const { find, findByTestId, waitFor } = renderCard(fetcher);
    await waitFor(() => expect(find(ErrorState).props.title).toBe('Customer health is unavailable'));
    expect(find(ErrorState).find(Text).text).toContain('Vigil answered 401');
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
    const { find, waitFor } = renderCard(fetcher);
    await waitFor(() =>
      expect(find(ErrorState).find(Text).text).toContain('not connected to this HubSpot account'),
    );
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
    const first = renderCard(wrapped.fetcher);
    await first.waitFor(() => expect(first.find(ErrorState).find(Text).text).toContain('Vigil answered 502'));
    const plain = fakeFetch(() => ({
      status: 401,
      body: { error: { code: 'bad_signature', message: 'The request is not signed by HubSpot' } },
    }));
    const second = renderCard(plain.fetcher);
    await second.waitFor(() =>
      expect(second.find(ErrorState).find(Text).text).toContain("HubSpot's signature"),
    );
  });

  it('sends its portal along, for the dev proxy that appends none', async () => {
    const { fetcher, calls } = fakeFetch(() => ({ status: 200, body: scored() }));
    await createCardClient(fetcher, { portalId: 1001 }).company('101');
    expect(new URL(calls[0]!.url).searchParams.get('portal')).toBe('1001');
  });

  it('shows the error state for an answer of the wrong shape', async () => {
    const { fetcher } = fakeFetch(() => ({ status: 200, body: { state: 'scored', companyId: '101' } }));
    const { find, waitFor } = renderCard(fetcher);
    await waitFor(() => expect(find(ErrorState).find(Text).text).toContain('does not understand'));
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
    const renderer = createRenderer('crm.record.sidebar');
    renderer.render(<HealthCard companyId="101" client={createCardClient(fetcher)} now={() => NOW} />);
    await renderer.waitFor(() => expect(renderer.find(ScoreCircle).props.score).toBe(72));
    renderer.findByTestId(Button, 'rescore').trigger('onClick');
    await renderer.waitFor(() => expect(renderer.findByTestId(Button, 'rescore').text).toBe('Rescoring…'));
    expect(calls.map((c) => [c.method, c.url])).toContainEqual(['POST', rescoreUrl('101')]);
    await renderer.waitFor(() => expect(renderer.find(ScoreCircle).props.score).toBe(55), {
      timeoutInMs: 6_000,
    });
    expect(renderer.findByTestId(Button, 'rescore').text).toBe('Rescore now');
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
