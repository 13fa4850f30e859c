import path from 'node:path';
import { z } from 'zod';

/**
 * Vigil's environment, parsed once at start-up. Every bad value becomes one line that
 * names the variable and says how to fix it, so an operator reading a crash-looping
 * container log knows what to change without reading the code.
 */

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Where the HubSpot API lives when credentials are set and no base is given. */
export const HUBSPOT_DEFAULT_API_BASE = 'https://api.hubapi.com';

/** Where Salesforce logs in when SALESFORCE_LOGIN_URL is unset (a sandbox org: https://test.salesforce.com). */
export const SALESFORCE_DEFAULT_LOGIN_URL = 'https://login.salesforce.com';

/** Which CRM(s) `vigil start` runs on: one of them, or both linked as one customer base. */
export const CRM_CHOICES = ['hubspot', 'salesforce', 'both'] as const;
export type CrmChoice = (typeof CRM_CHOICES)[number];

export type HubSpotCredentials =
  | { readonly kind: 'private'; readonly accessToken: string }
  | { readonly kind: 'oauth'; readonly clientId: string; readonly clientSecret: string };

export interface AppEnv {
  /** null = the embedded PGlite store in dataDir. */
  readonly databaseUrl: string | null;
  readonly port: number;
  /** Where HubSpot reaches Vigil (OAuth redirect, card fetches, webhooks); default http://127.0.0.1:PORT. */
  readonly publicUrl: string;
  /** A private-app token (one portal), or an OAuth app's client (installs come through OAuth). */
  readonly hubspot: {
    readonly privateApp: { readonly accessToken: string } | null;
    readonly oauthApp: {
      readonly clientId: string;
      readonly clientSecret: string;
      /** HUBSPOT_APP_ID: recognises the app's own writes in webhooks; null if unset. */
      readonly appId: string | null;
    } | null;
    /** null = not configured: `vigil start` runs the embedded sandbox instead. */
    readonly apiBase: string | null;
    /** HUBSPOT_CARD_DEV_URL: the local URL `hs project dev` proxies card fetches to (it signs that URL); null = off. */
    readonly cardDevUrl: string | null;
    /** HUBSPOT_RATE_SCALE: a local sandbox's --rate-scale, so the limiters keep its scaled limits (default 1). */
    readonly rateScale: number;
  };
  /** VIGIL_CRM (default hubspot). */
  readonly crm: CrmChoice;
  readonly salesforce: {
    /** The External Client App's consumer key and secret (OAuth web-server flow and refresh). */
    readonly app: { readonly clientId: string; readonly clientSecret: string } | null;
    /** Authorize and token endpoints live here (My Domain, login or test). */
    readonly loginUrl: string;
    /** An org connected outside Vigil: its refresh token and instance URL; null = none. */
    readonly connected: { readonly refreshToken: string; readonly instanceUrl: string } | null;
  };
  /** Absolute path. */
  readonly dataDir: string;
  /** The 32-byte key for token encryption, as given (base64 or hex); null = generated into dataDir. */
  readonly encryptionKey: string | null;
  readonly encryptionKeyBytes: Buffer | null;
  /** VIGIL_ENCRYPTION_KEY_PREVIOUS: the old key, accepted for reading while `vigil keys rotate` runs. */
  readonly encryptionKeyPrevious: string | null;
  readonly logLevel: LogLevel;
}

export type EnvResult = { ok: true; env: AppEnv } | { ok: false; errors: string[] };

const KEY_HINT = `generate one with: node -e "console.log(require('node:crypto').randomBytes(32).toString('base64'))"`;

/** Empty strings count as unset, so `PORT=` in a .env file means the default, not an error. */
const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const keyText = optionalText.pipe(
  z
    .string()
    .transform((v, ctx) => {
      const bytes = decodeKey(v);
      if (bytes === null) {
        ctx.addIssue({
          code: 'custom',
          message: `must be 32 bytes as base64 or 64 hex digits; ${KEY_HINT}`,
        });
        return z.NEVER;
      }
      return { text: v, bytes };
    })
    .optional(),
);

/** A base on this machine (a local sandbox), not HubSpot's own API. */
function isLocalBase(url: string | undefined): boolean {
  if (url === undefined) return false;
  try {
    const host = new URL(url).hostname;
    return host === 'localhost' || host === '[::1]' || host.startsWith('127.');
  } catch {
    return false;
  }
}

const schema = z
  .object({
    DATABASE_URL: optionalText.pipe(
      z
        .string()
        .regex(/^postgres(ql)?:\/\/\S+$/, {
          message:
            'must be a Postgres URL like postgres://user:password@host:5432/vigil; unset it to use the embedded store',
        })
        .optional(),
    ),
    PORT: optionalText.pipe(
      z
        .string()
        .regex(/^\d{1,5}$/, { message: 'must be a whole number from 0 to 65535, e.g. PORT=3000' })
        .transform(Number)
        .refine((n) => n <= 65_535, { message: 'must be a whole number from 0 to 65535, e.g. PORT=3000' })
        .optional(),
    ),
    HUBSPOT_ACCESS_TOKEN: optionalText.pipe(
      z
        .string()
        .regex(/^\S+$/, { message: 'must be a private-app access token without spaces (pat-…)' })
        .optional(),
    ),
    HUBSPOT_CLIENT_ID: optionalText,
    HUBSPOT_CLIENT_SECRET: optionalText,
    HUBSPOT_RATE_SCALE: optionalText.pipe(
      z
        .string()
        .regex(/^\d*\.?\d+$/, {
          message:
            "must be a positive number: the local sandbox's --rate-scale, e.g. HUBSPOT_RATE_SCALE=0.25",
        })
        .transform(Number)
        .refine((n) => n > 0 && n <= 10_000, {
          message:
            "must be a positive number: the local sandbox's --rate-scale, e.g. HUBSPOT_RATE_SCALE=0.25",
        })
        .optional(),
    ),
    HUBSPOT_APP_ID: optionalText.pipe(
      z
        .string()
        .regex(/^\d{1,20}$/, {
          message: "must be the OAuth app's numeric id, as shown in HubSpot's developer account",
        })
        .optional(),
    ),
    VIGIL_PUBLIC_URL: optionalText.pipe(
      z
        .url({
          protocol: /^https?$/,
          message: 'must be the http(s) URL HubSpot reaches Vigil at, e.g. https://vigil.example.com',
        })
        .transform((u) => u.replace(/\/+$/, ''))
        .optional(),
    ),
    HUBSPOT_CARD_DEV_URL: optionalText.pipe(
      z
        .url({
          protocol: /^https?$/,
          message:
            "must be the local URL local.json's proxy maps Vigil's public URL to under `hs project dev`, e.g. http://localhost:3000",
        })
        .transform((u) => u.replace(/\/+$/, ''))
        .optional(),
    ),
    HUBSPOT_API_BASE: optionalText.pipe(
      z
        .url({
          protocol: /^https?$/,
          message: `must be an http(s) URL like ${HUBSPOT_DEFAULT_API_BASE} or a sandbox's http://127.0.0.1:4010`,
        })
        .transform((u) => u.replace(/\/+$/, ''))
        .optional(),
    ),
    VIGIL_CRM: optionalText.pipe(
      z
        .string()
        .transform((v) => v.toLowerCase())
        .pipe(
          z.enum(CRM_CHOICES, {
            message:
              'must be hubspot, salesforce or both (both: HubSpot and Salesforce linked, one score on each side)',
          }),
        )
        .optional(),
    ),
    SALESFORCE_CLIENT_ID: optionalText,
    SALESFORCE_CLIENT_SECRET: optionalText,
    SALESFORCE_LOGIN_URL: optionalText.pipe(
      z
        .url({
          protocol: /^https?$/,
          message: `must be an http(s) URL like ${SALESFORCE_DEFAULT_LOGIN_URL}, https://test.salesforce.com or a My Domain`,
        })
        .transform((u) => u.replace(/\/+$/, ''))
        .optional(),
    ),
    SALESFORCE_REFRESH_TOKEN: optionalText.pipe(
      z.string().regex(/^\S+$/, { message: 'must be a refresh token without spaces' }).optional(),
    ),
    SALESFORCE_INSTANCE_URL: optionalText.pipe(
      z
        .url({
          protocol: /^https?$/,
          message: "must be the org's instance URL, e.g. https://acme.my.salesforce.com",
        })
        .transform((u) => u.replace(/\/+$/, ''))
        .optional(),
    ),
    VIGIL_DATA_DIR: optionalText,
    VIGIL_ENCRYPTION_KEY: keyText,
    /** The key being rotated away from: read-only during `vigil keys rotate`. */
    VIGIL_ENCRYPTION_KEY_PREVIOUS: keyText,
    LOG_LEVEL: optionalText.pipe(
      z
        .string()
        .transform((v) => v.toLowerCase())
        .pipe(z.enum(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` }))
        .optional(),
    ),
  })
  .superRefine((v, ctx) => {
    // An OAuth app needs both halves; one alone is a half-finished setup, not a choice.
    if ((v.HUBSPOT_CLIENT_ID === undefined) !== (v.HUBSPOT_CLIENT_SECRET === undefined)) {
      const missing = v.HUBSPOT_CLIENT_ID === undefined ? 'HUBSPOT_CLIENT_ID' : 'HUBSPOT_CLIENT_SECRET';
      ctx.addIssue({
        code: 'custom',
        path: [missing],
        message:
          'is missing: an OAuth app needs both HUBSPOT_CLIENT_ID and HUBSPOT_CLIENT_SECRET (set both or neither)',
      });
    }
    if ((v.SALESFORCE_CLIENT_ID === undefined) !== (v.SALESFORCE_CLIENT_SECRET === undefined)) {
      const missing =
        v.SALESFORCE_CLIENT_ID === undefined ? 'SALESFORCE_CLIENT_ID' : 'SALESFORCE_CLIENT_SECRET';
      ctx.addIssue({
        code: 'custom',
        path: [missing],
        message:
          'is missing: a Salesforce External Client App needs both SALESFORCE_CLIENT_ID (consumer key) and SALESFORCE_CLIENT_SECRET (set both or neither)',
      });
    }
    if (v.SALESFORCE_REFRESH_TOKEN !== undefined) {
      if (v.SALESFORCE_CLIENT_ID === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['SALESFORCE_REFRESH_TOKEN'],
          message:
            'is set without an app: also set SALESFORCE_CLIENT_ID and SALESFORCE_CLIENT_SECRET of the app that issued it',
        });
      }
      if (v.SALESFORCE_INSTANCE_URL === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['SALESFORCE_INSTANCE_URL'],
          message:
            "is missing: a refresh token needs the org's instance URL (instance_url of the token response)",
        });
      }
    }
    // Workers sharing a database must share one key: a key generated per host would seal tokens
    // that the other workers cannot open.
    if (/^postgres(ql)?:\/\//.test(v.DATABASE_URL ?? '') && v.VIGIL_ENCRYPTION_KEY === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['VIGIL_ENCRYPTION_KEY'],
        message: `is required with DATABASE_URL (every worker of a shared database needs the same key); ${KEY_HINT}`,
      });
    }
    // A real OAuth app (not against a local sandbox) is a marketplace setup: HubSpot must reach
    // Vigil over HTTPS, and the app id tells Vigil's own writes apart in webhooks.
    const realOAuthApp =
      v.HUBSPOT_CLIENT_ID !== undefined &&
      v.HUBSPOT_CLIENT_SECRET !== undefined &&
      !isLocalBase(v.HUBSPOT_API_BASE);
    if (realOAuthApp && v.HUBSPOT_APP_ID === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['HUBSPOT_APP_ID'],
        message:
          "is required with HUBSPOT_CLIENT_ID: set the app's numeric id from HubSpot's developer account (Vigil tells its own writes apart by it)",
      });
    }
    if (realOAuthApp && !(v.VIGIL_PUBLIC_URL ?? '').startsWith('https://')) {
      ctx.addIssue({
        code: 'custom',
        path: ['VIGIL_PUBLIC_URL'],
        message:
          'must be an https:// URL with a real HubSpot OAuth app (HubSpot sends OAuth redirects and webhooks there), e.g. https://vigil.example.com',
      });
    }
    // HubSpot's limits are HubSpot's: only a local sandbox runs its clock faster or slower.
    if (
      v.HUBSPOT_RATE_SCALE !== undefined &&
      v.HUBSPOT_RATE_SCALE !== 1 &&
      !isLocalBase(v.HUBSPOT_API_BASE)
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['HUBSPOT_RATE_SCALE'],
        message:
          'only applies to a local sandbox started with --rate-scale (HUBSPOT_API_BASE=http://127.0.0.1:…); unset it for HubSpot itself',
      });
    }
    const credentials = v.HUBSPOT_ACCESS_TOKEN !== undefined || v.HUBSPOT_CLIENT_ID !== undefined;
    if (v.HUBSPOT_API_BASE !== undefined && !credentials) {
      ctx.addIssue({
        code: 'custom',
        path: ['HUBSPOT_API_BASE'],
        message:
          'is set without HubSpot credentials: also set HUBSPOT_ACCESS_TOKEN (private app) or HUBSPOT_CLIENT_ID and HUBSPOT_CLIENT_SECRET, or unset it to use the embedded sandbox',
      });
    }
  });

/** 32 bytes from 64 hex digits or from base64 (standard or url-safe); null otherwise. */
export function decodeKey(text: string): Buffer | null {
  if (/^[0-9a-fA-F]{64}$/.test(text)) return Buffer.from(text, 'hex');
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(text)) return null;
  const bytes = Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  return bytes.length === 32 ? bytes : null;
}

/**
 * Parses the environment (process.env or a test's object). `cwd` resolves a relative
 * VIGIL_DATA_DIR, so the default `./data` means the directory Vigil was started from.
 */
export function parseEnv(
  source: Readonly<Record<string, string | undefined>>,
  cwd = process.cwd(),
): EnvResult {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const errors = parsed.error.issues.map((issue) => {
      const name = issue.path.length > 0 ? issue.path.join('.') : 'environment';
      return `${name}: ${issue.message}`;
    });
    return { ok: false, errors: [...new Set(errors)] };
  }
  const v = parsed.data;
  const privateApp = v.HUBSPOT_ACCESS_TOKEN !== undefined ? { accessToken: v.HUBSPOT_ACCESS_TOKEN } : null;
  const oauthApp =
    v.HUBSPOT_CLIENT_ID !== undefined && v.HUBSPOT_CLIENT_SECRET !== undefined
      ? {
          clientId: v.HUBSPOT_CLIENT_ID,
          clientSecret: v.HUBSPOT_CLIENT_SECRET,
          appId: v.HUBSPOT_APP_ID ?? null,
        }
      : null;
  const credentials = privateApp !== null || oauthApp !== null;
  return {
    ok: true,
    env: {
      databaseUrl: v.DATABASE_URL ?? null,
      port: v.PORT ?? 3000,
      publicUrl: v.VIGIL_PUBLIC_URL ?? `http://127.0.0.1:${v.PORT ?? 3000}`,
      hubspot: {
        privateApp,
        oauthApp,
        apiBase: credentials ? (v.HUBSPOT_API_BASE ?? HUBSPOT_DEFAULT_API_BASE) : null,
        cardDevUrl: v.HUBSPOT_CARD_DEV_URL ?? null,
        rateScale: v.HUBSPOT_RATE_SCALE ?? 1,
      },
      crm: v.VIGIL_CRM ?? 'hubspot',
      salesforce: {
        app:
          v.SALESFORCE_CLIENT_ID !== undefined && v.SALESFORCE_CLIENT_SECRET !== undefined
            ? { clientId: v.SALESFORCE_CLIENT_ID, clientSecret: v.SALESFORCE_CLIENT_SECRET }
            : null,
        loginUrl: v.SALESFORCE_LOGIN_URL ?? SALESFORCE_DEFAULT_LOGIN_URL,
        connected:
          v.SALESFORCE_REFRESH_TOKEN !== undefined && v.SALESFORCE_INSTANCE_URL !== undefined
            ? { refreshToken: v.SALESFORCE_REFRESH_TOKEN, instanceUrl: v.SALESFORCE_INSTANCE_URL }
            : null,
      },
      dataDir: path.resolve(cwd, v.VIGIL_DATA_DIR ?? './data'),
      encryptionKey: v.VIGIL_ENCRYPTION_KEY?.text ?? null,
      encryptionKeyBytes: v.VIGIL_ENCRYPTION_KEY?.bytes ?? null,
      encryptionKeyPrevious: v.VIGIL_ENCRYPTION_KEY_PREVIOUS?.text ?? null,
      logLevel: v.LOG_LEVEL ?? 'info',
    },
  };
}

/** Exit code for a configuration error (as for bad command-line usage). */
export const EXIT_BAD_CONFIG = 2;

/**
 * For commands: parses the environment, or prints each problem on its own line to
 * stderr and returns null so the caller exits with EXIT_BAD_CONFIG.
 */
export function loadEnvOrReport(
  source: Readonly<Record<string, string | undefined>> = process.env,
  print: (line: string) => void = (line) => console.error(line),
): AppEnv | null {
  const result = parseEnv(source);
  if (result.ok) return result.env;
  for (const error of result.errors) print(`vigil: bad configuration: ${error}`);
  return null;
}
