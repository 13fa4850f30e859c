import { Router } from 'express';
import { accessOf } from '../auth/access.ts';
import { HttpError, parseOr400 } from '../errors.ts';
import { resolveInstall } from '../install.ts';
import type { ReadModel } from '../read-model.ts';
import {
  companiesQuerySchema,
  companyDetailSchema,
  companyIdParamSchema,
  companyListSchema,
  installQuerySchema,
  portfolioSchema,
  runsQuerySchema,
  runsSchema,
} from '../schemas.ts';

/** The read-only JSON API over one install's scores, runs and KPIs. */
export function apiRouter(model: ReadModel): Router {
  const router = Router();

  router.get('/portfolio', async (req, res) => {
    const query = parseOr400(installQuerySchema, req.query);
    const install = await resolveInstall(model, query.installId, accessOf(req));
    res.json(portfolioSchema.parse(await model.portfolio(install)));
  });

  router.get('/companies', async (req, res) => {
    const query = parseOr400(companiesQuerySchema, req.query);
    const install = await resolveInstall(model, query.installId, accessOf(req));
    const page = await model.companies(install.id, query);
    res.json(companyListSchema.parse({ ...page, sort: query.sort, order: query.order }));
  });

  router.get('/companies/:id', async (req, res) => {
    const id = parseOr400(companyIdParamSchema, req.params['id'], 'id');
    const query = parseOr400(installQuerySchema, req.query);
    const install = await resolveInstall(model, query.installId, accessOf(req));
    const company = await model.company(install.id, id);
    if (company === null)
      throw new HttpError(404, 'company_not_found', `No scored company with id "${id}"`, 'id');
    res.json(companyDetailSchema.parse(company));
  });

  router.get('/sync/runs', async (req, res) => {
    const query = parseOr400(runsQuerySchema, req.query);
    const install = await resolveInstall(model, query.installId, accessOf(req));
    res.json(runsSchema.parse({ items: await model.runs(install.id, query.limit) }));
  });

  return router;
}
