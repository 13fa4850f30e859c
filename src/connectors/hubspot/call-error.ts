/**
 * One shape for every way a HubSpot call can fail — the generated client's ApiException
 * (`code`, `body`, `headers`), a non-2xx answer to `client.apiRequest`, a network error
 * from fetch or node:http, or our own timeout — so the retry decision reads one thing.
 */
export class HubSpotCallError extends Error {
  /** HTTP status; null when no response came. */
  readonly status: number | null;
  readonly errorCode: string | undefined;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
  readonly endpoint: string;

  constructor(
    endpoint: string,
    status: number | null,
    body: unknown,
    headers: Readonly<Record<string, string>>,
    errorCode?: string,
  ) {
    super(`HubSpot ${endpoint} failed: ${status ?? errorCode ?? 'no response'}${describe(body)}`);
    this.name = 'HubSpotCallError';
    this.endpoint = endpoint;
    this.status = status;
    this.body = body;
    this.headers = headers;
    this.errorCode = errorCode;
  }

  /** HubSpot's error `category` (VALIDATION_ERROR, OBJECT_NOT_FOUND, …) or `status` (OAuth errors). */
  get category(): string | null {
    if (typeof this.body !== 'object' || this.body === null) return null;
    const b = this.body as { category?: unknown; status?: unknown };
    if (typeof b.category === 'string') return b.category;
    return typeof b.status === 'string' && b.status !== 'error' ? b.status : null;
  }
}

function describe(body: unknown): string {
  if (typeof body !== 'object' || body === null) return '';
  const message = (body as { message?: unknown }).message;
  return typeof message === 'string' ? ` — ${message}` : '';
}

const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

function networkCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 4; depth += 1) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK_CODES.has(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  if (error instanceof TypeError && /fetch failed|terminated|socket hang up/i.test(error.message))
    return 'ECONNRESET';
  if (error instanceof Error && /socket hang up/i.test(error.message)) return 'ECONNRESET';
  return undefined;
}

function parseBody(body: unknown): unknown {
  if (typeof body !== 'string') return body;
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
}

/** Where the client hook (client.ts) keeps an error's raw body, which the generated client trims. */
export const RAW_BODY_HEADER = 'x-vigil-raw-body';

/** Turns whatever a call threw into a HubSpotCallError, or returns null for a programming error. */
export function toCallError(endpoint: string, error: unknown): HubSpotCallError | null {
  if (error instanceof HubSpotCallError) return error;
  const e = error as { code?: unknown; body?: unknown; headers?: unknown };
  if (typeof e?.code === 'number' && e.code >= 100) {
    const { [RAW_BODY_HEADER]: raw, ...headers } =
      typeof e.headers === 'object' && e.headers !== null ? (e.headers as Record<string, string>) : {};
    return new HubSpotCallError(endpoint, e.code, parseBody(raw ?? e.body), headers);
  }
  const code = networkCode(error);
  return code === undefined ? null : new HubSpotCallError(endpoint, null, null, {}, code);
}
