import { z } from 'zod';
import type { SalesforceClient } from './client.ts';

/**
 * What the integration user can see of an sObject ("sObject Describe", REST API). A describe lists
 * only the fields the user may read — a field the org lacks, or that field-level security hides, is
 * absent — so a query names only fields from it, and never fails with INVALID_FIELD ("No such
 * column") on a customer-specific `__c` field the mapping preset expects.
 *
 * The schema is cached in the install's state (an org's fields change rarely, and a describe per
 * sync would cost each incremental run one call per object). It is read again when older than a
 * day (new fields appear within a day), when a query still fails with INVALID_FIELD (a field was
 * removed or hidden since), and after provisioning (Vigil's own fields were just created).
 */
export const DESCRIBE_MAX_AGE_MS = 24 * 60 * 60_000;

const describeResponse = z.object({
  fields: z.array(
    z.object({
      name: z.string(),
      type: z.string(),
      createable: z.boolean().optional(),
      updateable: z.boolean().optional(),
      restrictedPicklist: z.boolean().optional(),
      picklistValues: z
        .array(z.object({ value: z.string(), active: z.boolean().optional() }))
        .nullish()
        .transform((v) => v ?? []),
    }),
  ),
});

export interface DescribedField {
  readonly name: string;
  readonly type: string;
  readonly createable: boolean;
  readonly updateable: boolean;
  /** Active picklist values, in the org's order (empty for other types). */
  readonly picklist: readonly string[];
  readonly restricted: boolean;
}

export interface ObjectSchema {
  readonly sobject: string;
  readonly readAt: number;
  /** Lower-case name → field (SOQL names are case-insensitive). */
  readonly fields: ReadonlyMap<string, DescribedField>;
}

const cachedSchema = z.object({
  readAt: z.number(),
  fields: z.array(
    z.object({
      name: z.string(),
      type: z.string(),
      createable: z.boolean(),
      updateable: z.boolean(),
      picklist: z.array(z.string()),
      restricted: z.boolean(),
    }),
  ),
});

export interface SchemaState {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
}

export function describeKey(sobject: string): string {
  return `salesforce:describe:${sobject}`;
}

function schemaOf(sobject: string, readAt: number, fields: readonly DescribedField[]): ObjectSchema {
  return { sobject, readAt, fields: new Map(fields.map((f) => [f.name.toLowerCase(), f])) };
}

export async function describeObject(
  client: SalesforceClient,
  state: SchemaState,
  sobject: string,
  now: number,
): Promise<ObjectSchema> {
  const raw = await client.call({ endpoint: `GET /sobjects/${sobject}/describe`, safe: true }, (conn) =>
    conn.request(`/services/data/v${client.version}/sobjects/${sobject}/describe`),
  );
  const fields: DescribedField[] = describeResponse.parse(raw).fields.map((f) => ({
    name: f.name,
    type: f.type,
    createable: f.createable ?? false,
    updateable: f.updateable ?? false,
    picklist: f.picklistValues.filter((v) => v.active !== false).map((v) => v.value),
    restricted: f.restrictedPicklist ?? false,
  }));
  await state.set(describeKey(sobject), JSON.stringify({ readAt: now, fields }));
  return schemaOf(sobject, now, fields);
}

/** The cached schema if fresh enough, else a describe call. */
export async function objectSchema(
  client: SalesforceClient,
  state: SchemaState,
  sobject: string,
  now: number,
  options: { force?: boolean } = {},
): Promise<ObjectSchema> {
  if (options.force !== true) {
    const text = await state.get(describeKey(sobject));
    if (text !== null) {
      const parsed = cachedSchema.safeParse(JSON.parse(text));
      if (parsed.success && now - parsed.data.readAt < DESCRIBE_MAX_AGE_MS)
        return schemaOf(sobject, parsed.data.readAt, parsed.data.fields);
    }
  }
  return describeObject(client, state, sobject, now);
}

/** Forgets cached schemas (after provisioning created fields). */
export async function invalidateSchemas(state: SchemaState, sobjects: readonly string[]): Promise<void> {
  for (const sobject of sobjects) await state.set(describeKey(sobject), '{}');
}

/** Splits wanted fields into those the user can read and those missing (absent or hidden). */
export function readableFields(
  schema: ObjectSchema,
  wanted: readonly string[],
): { fields: string[]; missing: string[] } {
  const fields: string[] = [];
  const missing: string[] = [];
  for (const name of wanted) (schema.fields.has(name.toLowerCase()) ? fields : missing).push(name);
  return { fields, missing };
}
