import { XMLParser } from 'fast-xml-parser';

// SOAP envelopes of the Metadata API: parsing what jsforce sends (namespace prefixes dropped, values
// kept as text) and writing answers and faults the way Salesforce does.

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
});

export type XmlValue = string | XmlObject | XmlValue[];
export interface XmlObject {
  [key: string]: XmlValue;
}

export function parseEnvelope(xml: string): {
  sessionId: string | null;
  method: string | null;
  args: XmlObject;
} {
  const doc = parser.parse(xml) as XmlObject;
  const envelope = (doc['Envelope'] ?? {}) as XmlObject;
  const header = (envelope['Header'] ?? {}) as XmlObject;
  const session = (header['SessionHeader'] ?? {}) as XmlObject;
  const body = (envelope['Body'] ?? {}) as XmlObject;
  const method = Object.keys(body).find((k) => !k.startsWith('@')) ?? null;
  const args = method === null ? {} : ((body[method] ?? {}) as XmlObject);
  const sessionId = typeof session['sessionId'] === 'string' ? session['sessionId'] : null;
  return { sessionId, method, args: typeof args === 'object' && !Array.isArray(args) ? args : {} };
}

export function asArray(value: XmlValue | undefined): XmlValue[] {
  if (value === undefined || value === '') return [];
  return Array.isArray(value) ? value : [value];
}

export function text(value: XmlValue | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Serialises plain data as XML elements; `@type` becomes xsi:type. */
export function toXml(name: string, value: unknown): string {
  if (Array.isArray(value)) return value.map((v) => toXml(name, v)).join('');
  if (value === null || value === undefined) return `<${name} xsi:nil="true"/>`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    const type = entries.find(([k]) => k === '@type')?.[1];
    const attrs = typeof type === 'string' ? ` xsi:type="${escapeXml(type)}"` : '';
    const inner = entries
      .filter(([k]) => !k.startsWith('@'))
      .map(([k, v]) => toXml(k, v))
      .join('');
    return `<${name}${attrs}>${inner}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

const ENVELOPE_OPEN =
  '<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns="http://soap.sforce.com/2006/04/metadata" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">';

export function soapResponse(method: string, result: unknown): string {
  return `${ENVELOPE_OPEN}<soapenv:Body>${toXml(`${method}Response`, { result })}</soapenv:Body></soapenv:Envelope>`;
}

export function soapFault(code: string, message: string): string {
  return `${ENVELOPE_OPEN.replace('xmlns="', 'xmlns:sf="')}<soapenv:Body><soapenv:Fault><faultcode>sf:${code}</faultcode><faultstring>${escapeXml(`${code}: ${message}`)}</faultstring></soapenv:Fault></soapenv:Body></soapenv:Envelope>`;
}
