import { Router } from 'express';
import { portalOf } from '../auth/middleware.ts';
import type { SandboxContext } from '../context.ts';
import { notFound, validationError } from '../errors.ts';
import { pipelineJson } from '../state/pipelines.ts';
import { canRead } from './object-helpers.ts';
import { objectTypeParam } from './parse.ts';

// Pipelines v3 read endpoints (GET /crm/v3/pipelines/{objectType}[/{pipelineId}]): the stage
// metadata (isClosed, probability, ticketState) tells the client which deals are won and which
// tickets are open.

export function pipelinesRouter(_ctx: SandboxContext): Router {
  const router = Router();
  const pipelinesOf = (type: string) => {
    if (type !== 'deals' && type !== 'tickets')
      throw validationError(`Object type ${type} has no pipelines.`, 'objectType');
    return type;
  };
  router.get('/:objectType', (req, res) => {
    const type = pipelinesOf(objectTypeParam(req));
    if (!canRead(req, res, type)) return;
    const set = portalOf(req).pipelines;
    res.json({ results: set[type].map((p) => pipelineJson(p, set.createdAt)) });
  });
  router.get('/:objectType/:pipelineId', (req, res) => {
    const type = pipelinesOf(objectTypeParam(req));
    if (!canRead(req, res, type)) return;
    const set = portalOf(req).pipelines;
    const pipeline = set[type].find((p) => p.id === req.params['pipelineId']);
    if (!pipeline) throw notFound();
    res.json(pipelineJson(pipeline, set.createdAt));
  });
  return router;
}
