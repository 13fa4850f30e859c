import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

// Validates request and response bodies against HubSpot's official OpenAPI specs (the copies in
// ../shared/hubspot-openapi). The specs are OpenAPI 3.0.1: `nullable` is translated to JSON Schema,
// other OpenAPI keywords (example, x-*, discriminator) are ignored. Errors come back as readable
// lines, so `expect(validateResponse(...)).toEqual([])` shows what is wrong.
//
// One deliberate gap of the specs is bridged: they type CRM record `properties` as a map of strings,
// yet HubSpot returns a requested property without a value as `null` (and @hubspot/api-client types
// those maps `string | null`). With `nullPropertyValues` (default on) null is accepted there only.
//
// A second: the specs type `PublicObjectSearchRequest.sorts` items as strings, yet HubSpot's search
// guide ("Sort search results") documents `{propertyName, direction}` and ignores strings
// (HubSpot/hubspot-api-nodejs#14, #559; HubSpot/hubspot-api-ruby#257). Both forms are accepted.

const SPEC_DIR =
  process.env['HUBSPOT_OPENAPI_DIR'] ?? new URL('../../../shared/hubspot-openapi/', import.meta.url).pathname;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export interface ValidateOptions {
  /** Accept null values in `properties` maps of CRM records (see above). Default true. */
  nullPropertyValues?: boolean;
}

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
addFormats(ajv);

const specs = new Map<string, JsonObject>();
const compiled = new Map<string, ValidateFunction>();

function isObject(v: Json | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** OpenAPI 3.0 → JSON Schema: `nullable: true` becomes a union with null. */
function translate(node: Json): Json {
  if (Array.isArray(node)) return node.map(translate);
  if (!isObject(node)) return node;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === 'example' || k === 'nullable' || k.startsWith('x-')) continue;
    out[k] = translate(v);
  }
  if (node['nullable'] === true) {
    if (typeof out['type'] === 'string') out['type'] = [out['type'], 'null'];
    else return { anyOf: [out, { type: 'null' }] };
    if (Array.isArray(out['enum'])) out['enum'] = [...out['enum'], null];
  }
  return out;
}

function allowNullPropertyValues(spec: JsonObject): void {
  const schemas = isObject(spec['components']) ? spec['components']['schemas'] : undefined;
  if (!isObject(schemas)) return;
  for (const [name, schema] of Object.entries(schemas)) {
    if (!name.startsWith('SimplePublic') || !isObject(schema)) continue;
    const props = schema['properties'];
    const map = isObject(props) ? props['properties'] : undefined;
    const values = isObject(map) ? map['additionalProperties'] : undefined;
    if (isObject(values) && values['type'] === 'string') values['type'] = ['string', 'null'];
  }
}

function allowDocumentedSorts(spec: JsonObject): void {
  const schemas = isObject(spec['components']) ? spec['components']['schemas'] : undefined;
  const request = isObject(schemas) ? schemas['PublicObjectSearchRequest'] : undefined;
  const props = isObject(request) ? request['properties'] : undefined;
  const sorts = isObject(props) ? props['sorts'] : undefined;
  if (!isObject(sorts)) return;
  sorts['items'] = {
    anyOf: [
      { type: 'string' },
      {
        type: 'object',
        required: ['propertyName'],
        additionalProperties: false,
        properties: {
          propertyName: { type: 'string' },
          direction: { type: 'string', enum: ['ASCENDING', 'DESCENDING'] },
        },
      },
    ],
  };
}

function specKey(file: string, options: ValidateOptions): string {
  return options.nullPropertyValues === false ? `strict-${file}` : file;
}

function loadSpec(file: string, options: ValidateOptions): string {
  const key = specKey(file, options);
  if (specs.has(key)) return key;
  const raw = JSON.parse(readFileSync(`${SPEC_DIR}/${file}`, 'utf8')) as Json;
  const spec = translate(raw) as JsonObject;
  if (options.nullPropertyValues !== false) allowNullPropertyValues(spec);
  allowDocumentedSorts(spec);
  spec['$id'] = key;
  specs.set(key, spec);
  ajv.addSchema(spec, key);
  return key;
}

function pointer(...parts: string[]): string {
  return parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
}

function resolveRef(spec: JsonObject, node: JsonObject): JsonObject {
  const ref = node['$ref'];
  if (typeof ref !== 'string' || !ref.startsWith('#/')) return node;
  let cur: Json | undefined = spec;
  for (const part of ref.slice(2).split('/'))
    cur = isObject(cur) ? cur[part.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
  if (!isObject(cur)) throw new Error(`unresolvable $ref ${ref}`);
  return cur;
}

function operation(spec: JsonObject, file: string, method: string, path: string): JsonObject {
  const paths = spec['paths'];
  const item = isObject(paths) ? paths[path] : undefined;
  const op = isObject(item) ? item[method.toLowerCase()] : undefined;
  if (!isObject(op)) throw new Error(`${file} has no operation ${method.toUpperCase()} ${path}`);
  return op;
}

const JSON_TYPES = ['application/json', '*/*', 'application/x-www-form-urlencoded'];

/** Picks the JSON-ish media type of a content map and returns the JSON pointer to its schema. */
function schemaPointer(content: Json | undefined, base: string): string | null {
  if (!isObject(content)) return null;
  const type = JSON_TYPES.find((t) => isObject(content[t]) && isObject((content[t] as JsonObject)['schema']));
  return type === undefined ? null : `${base}/content/${pointer(type)}/schema`;
}

function validatorFor(key: string, ref: string): ValidateFunction {
  const id = `${key}#${ref}`;
  let fn = compiled.get(id);
  if (!fn) {
    fn = ajv.compile({ $ref: id });
    compiled.set(id, fn);
  }
  return fn;
}

function describe(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((e) => {
    const where = e.instancePath === '' ? '(root)' : e.instancePath;
    const extra =
      e.keyword === 'additionalProperties' || e.keyword === 'enum' || e.keyword === 'required'
        ? ` ${JSON.stringify(e.params)}`
        : '';
    return `${where} ${e.message ?? e.keyword}${extra}`;
  });
}

/**
 * Validates a response body against the operation's response for `status` (or `default`).
 * Returns [] when valid, else one readable line per problem. A status without a body schema
 * (204) only accepts an empty body.
 */
export function validateResponse(
  specFile: string,
  method: string,
  pathTemplate: string,
  status: number,
  body: unknown,
  options: ValidateOptions = {},
): string[] {
  const key = loadSpec(specFile, options);
  const spec = specs.get(key) as JsonObject;
  const op = operation(spec, specFile, method, pathTemplate);
  const responses = op['responses'];
  if (!isObject(responses)) return [`${method} ${pathTemplate} declares no responses`];
  const code = isObject(responses[String(status)]) ? String(status) : 'default';
  const declared = responses[code];
  if (!isObject(declared)) return [`${method} ${pathTemplate} declares no response ${status} and no default`];
  if (code === 'default' && status < 400)
    return [`status ${status} is not declared for ${method} ${pathTemplate}`];
  const response = resolveRef(spec, declared);
  const base =
    response === declared
      ? `/paths/${pointer(pathTemplate)}/${method.toLowerCase()}/responses/${code}`
      : `/${String(declared['$ref']).slice(2)}`;
  const ref = schemaPointer(response['content'], base);
  if (ref === null)
    return body === undefined || body === '' || body === null
      ? []
      : [`response ${status} has no body schema, got a body`];
  const validate = validatorFor(key, ref);
  return validate(body) ? [] : describe(validate.errors);
}

/** Validates a request body against the operation's requestBody schema. */
export function validateRequest(
  specFile: string,
  method: string,
  pathTemplate: string,
  body: unknown,
  options: ValidateOptions = {},
): string[] {
  const key = loadSpec(specFile, options);
  const spec = specs.get(key) as JsonObject;
  const op = operation(spec, specFile, method, pathTemplate);
  const requestBody = op['requestBody'];
  if (!isObject(requestBody)) return body === undefined ? [] : [`${method} ${pathTemplate} takes no body`];
  const ref = schemaPointer(
    requestBody['content'],
    `/paths/${pointer(pathTemplate)}/${method.toLowerCase()}/requestBody`,
  );
  if (ref === null) return [`${method} ${pathTemplate} has no JSON request schema`];
  const validate = validatorFor(key, ref);
  return validate(body) ? [] : describe(validate.errors);
}
