import express, { type Request, type Response, Router } from 'express';
import { apiRefusal } from '../auth/api-access.ts';
import { onInstance } from '../auth/instance.ts';
import { sessionOf } from '../auth/middleware.ts';
import type { SfContext } from '../context.ts';
import { limitInfo } from '../limits/middleware.ts';
import {
  type ComponentResult,
  readComponent,
  saveCustomField,
  savePermissionSet,
} from '../metadata/components.ts';
import { asArray, parseEnvelope, soapFault, soapResponse, text, type XmlObject } from '../metadata/xml.ts';
import type { OrgState } from '../state/org.ts';

// The Metadata API's CRUD calls over SOAP at /services/Soap/m/XX.X, as jsforce's `conn.metadata`
// sends them: createMetadata, readMetadata, updateMetadata, upsertMetadata, deleteMetadata, for
// CustomField and PermissionSet, at most 10 components per call. The session travels in the
// SessionHeader; a bad one is a 500 fault sf:INVALID_SESSION_ID (what jsforce refreshes on).

const MAX_COMPONENTS = 10;

function send(res: Response, status: number, xml: string): void {
  res.status(status).type('text/xml').send(xml);
}

function typeOf(meta: XmlObject, fallback: string | undefined): string | undefined {
  return text(meta['@type']) ?? fallback;
}

function save(org: OrgState, meta: XmlObject, mode: 'create' | 'update' | 'upsert'): ComponentResult {
  const type = typeOf(meta, undefined);
  if (type === 'CustomField') return saveCustomField(org, meta, mode);
  if (type === 'PermissionSet') return savePermissionSet(org, meta, mode);
  return {
    ok: false,
    error: { statusCode: 'INVALID_TYPE', message: `Unsupported metadata type: ${type ?? '(none)'}` },
  };
}

function resultXml(fullName: string, r: ComponentResult, upsert: boolean): Record<string, unknown> {
  return r.ok
    ? { ...(upsert ? { created: String(r.created) } : {}), fullName, success: 'true' }
    : {
        ...(upsert ? { created: 'false' } : {}),
        errors: { message: r.error.message, statusCode: r.error.statusCode },
        fullName,
        success: 'false',
      };
}

export function metadataRouter(ctx: SfContext): Router {
  const router = Router();
  router.post(
    '/services/Soap/m/:version',
    express.text({ type: () => true, limit: '5mb' }),
    (req: Request, res: Response) => {
      let envelope: ReturnType<typeof parseEnvelope>;
      try {
        envelope = parseEnvelope(typeof req.body === 'string' ? req.body : '');
      } catch {
        return send(res, 500, soapFault('INVALID_XML', 'The request is not well-formed XML'));
      }
      const entry = envelope.sessionId === null ? undefined : sessionOf(ctx, envelope.sessionId);
      if (!entry || !onInstance(entry.org, req))
        return send(
          res,
          500,
          soapFault('INVALID_SESSION_ID', 'Invalid Session ID found in SessionHeader: Illegal Session'),
        );
      res.locals.org = entry;
      const refused = apiRefusal(entry.org);
      if (refused) return send(res, 500, soapFault(refused.errorCode, refused.message));
      const perms = entry.org.userPermissions;
      if (!perms.ModifyMetadata && !perms.ModifyAllData)
        return send(
          res,
          500,
          soapFault(
            'INSUFFICIENT_ACCESS',
            'use of the Metadata API requires a user with the ModifyAllData or ModifyMetadata permissions',
          ),
        );
      const now = ctx.clock.now();
      if (!entry.usage.take(now))
        return send(res, 500, soapFault('REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.'));
      res.setHeader('Sforce-Limit-Info', limitInfo(entry, now));
      const { method, args } = envelope;
      const org = entry.org;
      const components = asArray(args['metadata']) as XmlObject[];
      const names = asArray(args['fullNames']).map((n) => (typeof n === 'string' ? n : ''));
      if (components.length > MAX_COMPONENTS || names.length > MAX_COMPONENTS)
        return send(
          res,
          500,
          soapFault('EXCEEDED_ID_LIMIT', `Cannot process more than ${MAX_COMPONENTS} components in one call`),
        );
      switch (method) {
        case 'createMetadata':
        case 'updateMetadata':
        case 'upsertMetadata': {
          const mode =
            method === 'createMetadata' ? 'create' : method === 'updateMetadata' ? 'update' : 'upsert';
          const results = components.map((meta) =>
            resultXml(text(meta['fullName']) ?? '', save(org, meta, mode), mode === 'upsert'),
          );
          return send(res, 200, soapResponse(method, results));
        }
        case 'readMetadata': {
          const type = text(args['type']) ?? '';
          const records = names.map((name) => readComponent(org, type, name) ?? { '@type': type });
          return send(res, 200, soapResponse(method, { records }));
        }
        case 'deleteMetadata': {
          const type = text(args['type']) ?? '';
          const results = names.map((name) => {
            const found = type === 'CustomField' ? org.customFieldMetadata.delete(name) : false;
            return found
              ? { fullName: name, success: 'true' }
              : {
                  errors: {
                    message: `No ${type} named ${name} found`,
                    statusCode: 'INVALID_CROSS_REFERENCE_KEY',
                  },
                  fullName: name,
                  success: 'false',
                };
          });
          return send(res, 200, soapResponse(method, results));
        }
        default:
          return send(
            res,
            500,
            soapFault('INVALID_OPERATION', `The sandbox does not implement ${method ?? '(none)'}`),
          );
      }
    },
  );
  return router;
}
