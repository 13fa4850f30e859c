import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { sfError } from '../errors.ts';
import type { OrgState } from '../state/org.ts';

// API access, after authentication: an edition without API access refuses every REST call with
// 403 API_DISABLED_FOR_ORG ("The REST API is not enabled for this Organization.", the body
// Salesforce sends, as quoted in developerforce/Force.com-Toolkit-for-NET#150), and a user whose
// profile lacks "API Enabled" with API_CURRENTLY_DISABLED (restforce/restforce#562: "returned when
// an admin has disabled API access in a user profile").

export interface ApiRefusal {
  readonly errorCode: 'API_DISABLED_FOR_ORG' | 'API_CURRENTLY_DISABLED';
  readonly message: string;
}

export function apiRefusal(org: OrgState): ApiRefusal | null {
  if (!org.apiEnabled)
    return {
      errorCode: 'API_DISABLED_FOR_ORG',
      message: 'The REST API is not enabled for this Organization.',
    };
  if (!org.userPermissions.ApiEnabled)
    return { errorCode: 'API_CURRENTLY_DISABLED', message: 'API is disabled for this User' };
  return null;
}

export function apiAccess(): RequestHandler {
  return (_req: Request, res: Response, next: NextFunction) => {
    const entry = res.locals.org;
    const refused = entry === undefined ? null : apiRefusal(entry.org);
    if (refused) return sfError(res, 403, refused.errorCode, refused.message);
    next();
  };
}
