import type { Request, Response } from 'express';
import { z } from 'zod';
import { checkScopes, principalOf } from '../auth/middleware.ts';
import { OBJECT_READ_SCOPES, OBJECT_WRITE_SCOPES } from '../auth/scopes.ts';
import { type ErrorDetail, HubSpotHttpError, type StandardError, standardError } from '../errors.ts';
import { isKnownTypeId } from '../state/association-types.ts';
import type { WriteSource } from '../state/change-events.ts';
import type { ObjectType } from '../state/object-types.ts';
import type { AssociationInput, PortalState } from '../state/portal-state.ts';
import { invalidValuesMessage, type PropertyValueError } from '../state/property-validation.ts';

// What the object routes share: scopes per type, the change source of the caller, association
// inputs of creates, and HubSpot's errors for rejected property values.

// Reads (list, get, batch/read, search) need the type's read scope and nothing else does: the
// object specs (424-v3-companies.json, -deals, -tickets, -notes) list only `….read` (or
// `tickets`) in their `security` — a write scope does not let a token read. So a Notes
// search needs `crm.objects.contacts.read` even where `crm.objects.contacts.write` is granted.
export function canRead(req: Request, res: Response, type: ObjectType): boolean {
  return checkScopes(req, res, OBJECT_READ_SCOPES[type]);
}

export function canWrite(req: Request, res: Response, type: ObjectType): boolean {
  return checkScopes(req, res, OBJECT_WRITE_SCOPES[type]);
}

/** API writes are INTEGRATION changes; the app id lets an app recognise its own writes in webhooks. */
export function writeSource(req: Request): WriteSource {
  const p = principalOf(req);
  return p.kind === 'oauth'
    ? { changeSource: 'INTEGRATION', sourceId: String(p.appId) }
    : { changeSource: 'INTEGRATION', sourceId: 'private-app' };
}

export const propertiesSchema = z.record(z.string(), z.union([z.string(), z.null()]));

export const associationSpecSchema = z.object({
  associationCategory: z.enum(['HUBSPOT_DEFINED', 'INTEGRATOR_DEFINED', 'USER_DEFINED', 'WORK']),
  associationTypeId: z.number().int(),
});

export const createAssociationSchema = z.object({
  to: z.object({ id: z.string() }),
  types: z.array(associationSpecSchema),
});

export type CreateAssociation = z.output<typeof createAssociationSchema>;

/** The type a HubSpot-defined association type id points at from `from`, or null. */
function targetOf(from: ObjectType, typeId: number): ObjectType | null {
  for (const to of ['companies', 'deals', 'tickets', 'contacts', 'notes'] as const) {
    if (isKnownTypeId(from, to, typeId)) return to;
  }
  return null;
}

/** Resolves the `associations` of a create input; unknown types or missing records are errors. */
export function resolveAssociations(
  portal: PortalState,
  from: ObjectType,
  inputs: readonly CreateAssociation[],
): { associations: AssociationInput[]; error: string | null } {
  const associations: AssociationInput[] = [];
  for (const a of inputs) {
    for (const t of a.types) {
      const to = targetOf(from, t.associationTypeId);
      if (to === null || t.associationCategory !== 'HUBSPOT_DEFINED') {
        return {
          associations,
          error: `${t.associationCategory} association type ${t.associationTypeId} is not valid from ${from}.`,
        };
      }
      if (!portal.objects[to].getActive(a.to.id)) {
        return { associations, error: `Association target ${to} ${a.to.id} does not exist.` };
      }
      associations.push({ toType: to, toId: a.to.id });
    }
  }
  return { associations, error: null };
}

function propertyDetails(errors: readonly PropertyValueError[]): ErrorDetail[] {
  return errors.map((e) => ({
    message: e.message,
    in: e.name,
    code: e.code,
    context: { propertyName: [e.name] },
  }));
}

/** The 400 HubSpot answers a single write with bad values. */
export function invalidValues(errors: readonly PropertyValueError[]): HubSpotHttpError {
  return new HubSpotHttpError(400, 'VALIDATION_ERROR', invalidValuesMessage(errors), {
    errors: propertyDetails(errors),
  });
}

/** The same failure as one entry of a 207's `errors`. */
export function invalidValuesEntry(errors: readonly PropertyValueError[]): StandardError {
  return standardError(
    'VALIDATION_ERROR',
    invalidValuesMessage(errors),
    { propertyName: errors.map((e) => e.name) },
    propertyDetails(errors),
  );
}
