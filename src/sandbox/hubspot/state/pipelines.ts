import { dealPipelines, ticketPipelines } from '../../seed/pipelines.ts';
import type { PipelineDef } from '../../seed/types.ts';

// Deal and ticket pipelines of a portal. A fresh HubSpot portal has the `default` sales pipeline and
// the `0` support pipeline; seeded portals bring theirs. Served by the pipelines v3 API, whose stage
// metadata (isClosed, probability, ticketState) the client and the sync read.

export type PipelineObjectType = 'deals' | 'tickets';

export interface PipelineSet {
  deals: PipelineDef[];
  tickets: PipelineDef[];
  createdAt: number;
}

export function defaultPipelines(at: number): PipelineSet {
  return { deals: dealPipelines(), tickets: ticketPipelines(), createdAt: at };
}

/** Pipeline JSON as the pipelines v3 API returns it (`Pipeline` / `PipelineStage`). */
export function pipelineJson(p: PipelineDef, at: number) {
  const iso = new Date(at).toISOString();
  return {
    id: p.id,
    label: p.label,
    displayOrder: p.displayOrder,
    archived: false,
    createdAt: iso,
    updatedAt: iso,
    stages: p.stages.map((s) => ({
      id: s.id,
      label: s.label,
      displayOrder: s.displayOrder,
      metadata: { ...s.metadata },
      archived: false,
      createdAt: iso,
      updatedAt: iso,
      writePermissions: 'CRM_PERMISSIONS_ENFORCEMENT',
    })),
  };
}
