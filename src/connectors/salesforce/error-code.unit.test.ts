import { describe, expect, it } from 'vitest';
import { decideRetry } from './budget.ts';
import { errorCode } from './client.ts';
import { permissionOfError } from './permission-error.ts';

// Errors in the shapes jsforce raises them (jsforce lib/http-api.js `getError`, lib/soap.js): the
// retry decision must see Salesforce's own code, not jsforce's wrapping of it.

function httpApiError(message: string, code: string): Error {
  const e = new Error(message) as Error & { errorCode: string };
  e.name = code;
  e.errorCode = code;
  return e;
}

describe('errorCode', () => {
  it('reads REQUEST_LIMIT_EXCEEDED out of a Bulk API 2.0 text body that jsforce called ERROR_HTTP_403', () => {
    const e = httpApiError(
      '[{"errorCode":"REQUEST_LIMIT_EXCEEDED","message":"TotalRequests Limit exceeded."}]',
      'ERROR_HTTP_403',
    );
    expect(errorCode(e)).toBe('REQUEST_LIMIT_EXCEEDED');
    expect(decideRetry({ errorCode: errorCode(e), attempt: 1, safe: true }).action).toBe('reschedule');
  });

  it('strips the namespace of a Metadata API SOAP fault code', () => {
    const fault = httpApiError('Session expired or invalid', 'sf:INVALID_SESSION_ID');
    expect(errorCode(fault)).toBe('INVALID_SESSION_ID');
    expect(decideRetry({ errorCode: errorCode(fault), attempt: 1, safe: true }).action).toBe('auth');
    expect(errorCode(httpApiError('limit', 'sf:REQUEST_LIMIT_EXCEEDED'))).toBe('REQUEST_LIMIT_EXCEEDED');
  });

  it('keeps ERROR_HTTP_nnn when the body names no code, and plain codes as they are', () => {
    expect(errorCode(httpApiError('<html>maintenance</html>', 'ERROR_HTTP_503'))).toBe('ERROR_HTTP_503');
    expect(errorCode(httpApiError('No such column', 'INVALID_FIELD'))).toBe('INVALID_FIELD');
    expect(errorCode(Object.assign(new Error('reset'), { code: 'ECONNRESET' }))).toBe('ECONNRESET');
  });
});

// sf:INSUFFICIENT_ACCESS answers more than a missing Modify Metadata (a record or a metadata type
// the user may not touch): the permission is named only when Salesforce's faultstring names it —
// "use of the Metadata API requires a user with the ModifyAllData or ModifyMetadata permissions"
// (quoted in forcedotcom/cli#3048); otherwise the raw message is passed on.
describe('permissionOfError', () => {
  it('names Modify Metadata only when the faultstring does', () => {
    expect(
      permissionOfError(
        'INSUFFICIENT_ACCESS',
        'INSUFFICIENT_ACCESS: use of the Metadata API requires a user with the ModifyAllData or ModifyMetadata permissions',
      ),
    ).toBe('metadata');
    expect(
      permissionOfError('INSUFFICIENT_ACCESS', 'insufficient access rights on cross-reference id'),
    ).toBeNull();
    expect(permissionOfError('INSUFFICIENT_ACCESS')).toBeNull();
    expect(permissionOfError('INSUFFICIENT_ACCESS', 'requires the Customize Application permission')).toBe(
      'customize',
    );
    expect(permissionOfError('API_CURRENTLY_DISABLED')).toBe('api');
  });
});
