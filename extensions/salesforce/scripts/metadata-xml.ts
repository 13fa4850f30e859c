// A small, deterministic Metadata API XML writer for the DX project's generated files. Elements
// follow the order Salesforce retrieves them in — `fullName` first, then alphabetical, which is the
// order of the Metadata API's XSD for CustomField, PermissionSet and their nested types — so the
// files read like retrieved source and diff cleanly. Arrays repeat their element (one
// <fieldPermissions> per entry); booleans and numbers are written as their string form.

type Value = string | number | boolean | null | undefined | XmlNode | readonly Value[];
export interface XmlNode {
  readonly [key: string]: Value;
}

const INDENT = '    ';

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function orderedKeys(node: XmlNode): string[] {
  const keys = Object.keys(node).filter((k) => node[k] !== undefined && node[k] !== null);
  return keys.sort((a, b) => (a === 'fullName' ? -1 : b === 'fullName' ? 1 : a < b ? -1 : a > b ? 1 : 0));
}

function element(name: string, value: Value, depth: number, out: string[]): void {
  if (value === undefined || value === null) return;
  if (Array.isArray(value)) {
    for (const item of value as readonly Value[]) element(name, item, depth, out);
    return;
  }
  const pad = INDENT.repeat(depth);
  if (typeof value === 'object') {
    out.push(`${pad}<${name}>`);
    const node = value as XmlNode;
    for (const key of orderedKeys(node)) element(key, node[key], depth + 1, out);
    out.push(`${pad}</${name}>`);
    return;
  }
  out.push(`${pad}<${name}>${escapeXml(String(value))}</${name}>`);
}

/** One metadata file: the XML declaration, the root element in the Metadata API namespace, a final newline. */
export function metadataXml(root: string, body: XmlNode): string {
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<${root} xmlns="http://soap.sforce.com/2006/04/metadata">`,
  ];
  for (const key of orderedKeys(body)) element(key, body[key], 1, out);
  out.push(`</${root}>`, '');
  return out.join('\n');
}
