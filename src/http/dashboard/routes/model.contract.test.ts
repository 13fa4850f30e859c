import { afterAll, beforeAll, expect, it } from 'vitest';
import { type RunningVigil, startVigil } from '../../../../test/security/support/running-vigil.ts';
import { forEachDatabase } from '../../../../test/support/databases.ts';
import { defaultScoringConfig } from '../../../domain/config/parse.ts';
import { fitPortalModel } from '../../../learning/portal.ts';
import { seededCompaniesWithHistory } from '../../../learning/seeded.ts';
import { generatePortal } from '../../../sandbox/seed/generate.ts';
import type { ModelFitRow } from '../../../store/repos/models.ts';
import { type Session, sessionFor, signInWithToken } from '../../auth/testing.ts';

/**
 * The Model page over HTTP, as a signed-in browser sees it: the figures of a real fit
 * (a seeded portal's history), adopt and revert through the settings with a preview, and
 * nothing for a request without a session or for a user of another portal.
 */
const NOW = Date.UTC(2026, 10, 1);

async function realFit() {
  const companies = seededCompaniesWithHistory(generatePortal({ size: 1200, seed: 2, now: NOW }));
  return fitPortalModel(
    {
      companyIds: async () => companies.map((c) => c.company.id),
      loadInputs: async (ids) => companies.filter((c) => ids.includes(c.company.id)),
      readHistory: async (ids) =>
        companies
          .filter((c) => ids.includes(c.company.id))
          .map((c) => ({ companyId: c.company.id, history: c.propertiesWithHistory })),
    },
    defaultScoringConfig(),
    { horizonDays: 180, now: NOW },
  );
}

forEachDatabase('Model page', (db) => {
  let vigil: RunningVigil;
  let operator: Session;
  let fit: ModelFitRow;
  let a = '';

  beforeAll(async () => {
    vigil = await startVigil(db.store);
    a = vigil.a.install.id;
    operator = await signInWithToken(vigil.http.url);
  }, 60_000);
  afterAll(async () => {
    await vigil?.http.close();
  });

  it('refuses a request without a session', async () => {
    const page = await fetch(`${vigil.http.url}/model`, { redirect: 'manual' });
    expect(page.status).toBe(302);
    expect(page.headers.get('location')).toMatch(/^\/login/);
    const adopt = await fetch(`${vigil.http.url}/dashboard/api/model/adopt?installId=${a}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ fitId: '1' }),
    });
    expect(adopt.status).toBe(401);
  });

  it('says when no model has been fitted yet', async () => {
    const res = await operator.fetch(`/model?installId=${a}`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain('id="no-fit"');
    expect(text).toContain('aria-current="page">Model<');
  });

  it('shows both AUCs on the same held-out customers, the capture and calibration charts and the words', async () => {
    const real = await realFit();
    expect(real.backtest.proposed).toBe(true);
    fit = await db.store.models.record(a, real, 'first_sync');
    const res = await operator.fetch(`/model?installId=${a}`);
    expect(res.status).toBe(200);
    const text = await res.text();
    const b = real.backtest;
    expect(text).toContain(`<dd id="rules-auc">${b.rulesAuc!.toFixed(3)}</dd>`);
    expect(text).toContain(`<dd id="fitted-auc">${b.fittedAuc!.toFixed(3)}</dd>`);
    expect(text).toMatch(
      new RegExp(`id="fit-examples">${b.examples.toLocaleString('en-US')} customers, ${b.churned}`),
    );
    // the charts' data travel in JSON blocks (no inline script), the numbers also in tables
    const capture = /<script type="application\/json" id="capture-data">(.*?)<\/script>/s.exec(text);
    expect(JSON.parse(capture![1]!).series[1].values[0]).toBeCloseTo(b.capture!.fitted.captured[0]! * 100, 6);
    expect(text.match(/<table id="capture">[\s\S]*?<\/table>/)![0].match(/<tr>/g)).toHaveLength(11);
    const calibration = /<script type="application\/json" id="calibration-data">(.*?)<\/script>/s.exec(text);
    expect(JSON.parse(calibration![1]!).series[1].values).toHaveLength(b.calibration.length);
    expect(text).toMatch(/<ul id="coefficients"><li data-feature="[a-z_]+">[A-Z][^<]+points of risk\.<\/li>/);
    expect(text).toContain(`data-fit-id="${fit.id}"`);
    expect(text).toContain('/dashboard/assets/model.js');
    // Settings points the admin to the proposal
    const settings = await (await operator.fetch(`/settings?installId=${a}`)).text();
    expect(settings).toContain('id="model-proposal"');
    expect(settings).toContain(`AUC ${b.fittedAuc!.toFixed(3)} vs ${b.rulesAuc!.toFixed(3)}`);
    const js = await operator.fetch('/dashboard/assets/model.js');
    expect(js.status).toBe(200);
  }, 60_000);

  it('previews which customers change level, then adopts through a settings version and reverts', async () => {
    const preview = await operator.fetch(`/dashboard/api/model/preview?installId=${a}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'adopt', fitId: fit.id }),
    });
    expect(preview.status).toBe(200);
    const p = (await preview.json()) as { companies: number; riskLevel: { changed: number } };
    expect(p.companies).toBeGreaterThan(0);
    expect(p.riskLevel.changed).toBeGreaterThanOrEqual(0);

    const noCsrf = await operator.fetch(`/dashboard/api/model/adopt?installId=${a}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': 'wrong' },
      body: JSON.stringify({ fitId: fit.id }),
    });
    expect(noCsrf.status).toBe(403);
    expect((await db.store.configs.current(a)).config.churn.model.kind).toBe('rules');

    const adopt = await operator.fetch(`/dashboard/api/model/adopt?installId=${a}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ fitId: fit.id }),
    });
    expect(adopt.status).toBe(200);
    const { version } = (await adopt.json()) as { version: number };
    const current = await db.store.configs.current(a);
    expect(current.version).toBe(version);
    expect(current.config.churn.model).toEqual(fit.model);
    expect(vigil.rescores).toContain(a);
    // The rescore is marked as the model's doing, not a settings edit.
    expect(vigil.rescoreCauses.at(-1)).toBe('model');
    expect(await db.store.models.adopted(a)).toMatchObject({ id: fit.id, adoptedConfigVersion: version });
    const page = await (await operator.fetch(`/model?installId=${a}`)).text();
    expect(page).toMatch(/id="model-in-use">Churn risk is scored with a model fitted/);
    expect(page).toContain('id="preview-revert"');
    expect(await (await operator.fetch(`/settings?installId=${a}`)).text()).not.toContain(
      'id="model-proposal"',
    );

    const revert = await operator.fetch(`/dashboard/api/model/revert?installId=${a}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(revert.status).toBe(200);
    expect((await db.store.configs.current(a)).config.churn.model.kind).toBe('rules');
    expect(await db.store.models.adopted(a)).toBeNull();
    expect(vigil.rescoreCauses.at(-1)).toBe('model');
  }, 60_000);

  it("marks score changes a model caused as the model's, in the history API and on the company page", async () => {
    const companyId = vigil.a.companyId;
    const [before] = await db.store.scores.getMany(a, [companyId]);
    const row = await db.store.scores.get(a, companyId);
    const version = (await db.store.configs.current(a)).version;
    // What a rescore with cause 'model' writes: the company's risk moved under the adopted model.
    await db.store.pool.query(
      `INSERT INTO score_history (install_id, company_id, at, health, risk, status, risk_level, tier, cause, config_version)
       VALUES ($1, $2, now(), $3, $4, $5, $6, $7, 'model', $8)`,
      [a, companyId, row!.health, before!.risk + 7, row!.status, row!.riskLevel, row!.tier, version],
    );
    const api = await operator.fetch(`/dashboard/api/companies/${companyId}/history?installId=${a}`);
    const items = ((await api.json()) as { items: Array<{ cause: string; configVersion: number }> }).items;
    expect(items.at(-1)).toMatchObject({ cause: 'model', configVersion: version });
    expect(items.filter((i) => i.cause === 'model')).toHaveLength(1);
    const detail = await operator.fetch(`/api/companies/${companyId}?installId=${a}`);
    expect(detail.status).toBe(200);
    const history = ((await detail.json()) as { history: Array<{ cause: string }> }).history;
    expect(history.at(-1)?.cause).toBe('model');
    const page = await (await operator.fetch(`/companies/${companyId}?installId=${a}`)).text();
    expect(page).toContain(`<tr data-cause="model">`);
    expect(page).toContain(`Churn model (v${version})`);
    expect(page).toMatch(/1 from churn model changes/);
    // The settings history counts it among the changes that version caused.
    expect(await (await operator.fetch(`/settings?installId=${a}`)).text()).toContain(
      'Score changes it caused',
    );
  });

  it("never shows or adopts one portal's fit for a user of another", async () => {
    const b = vigil.b.install.id;
    const userB = await sessionFor(vigil.http.url, db.store.sessions, 'user-b', [b]);
    expect((await userB.fetch(`/model?installId=${a}`)).status).toBe(404);
    const own = await userB.fetch(`/dashboard/api/model/adopt?installId=${b}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ fitId: fit.id }),
    });
    expect(own.status).toBe(404);
    expect((await db.store.configs.current(b)).config.churn.model.kind).toBe('rules');
    // a fit that did not beat the rules cannot be adopted
    const rejected = await db.store.models.record(
      b,
      { horizonDays: 180, backtest: { ...fit.backtest, proposed: false, model: null } },
      'schedule',
    );
    const refused = await userB.fetch(`/dashboard/api/model/adopt?installId=${b}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ fitId: rejected.id }),
    });
    expect(refused.status).toBe(409);
  });
});
