// Reads a SOAP request the way a strict device does: malformed XML (an unescaped
// preset name, say) is refused, namespace prefixes are dropped, and the operation
// element is kept both as an object (for values) and in document order (for the
// XSD sequence checks).
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { UsernameToken } from './wsse';

export type XmlValue = string | XmlObject;
export interface XmlObject {
  [key: string]: XmlValue | XmlValue[] | undefined;
}

/** One element in document order: its local name and its children. */
export interface OrderedElement {
  name: string;
  children: OrderedElement[];
}

export interface SoapRequest {
  /** Local name of the first element in the Body: the operation. */
  op: string;
  args: XmlObject;
  ordered: OrderedElement;
  header: XmlObject;
}

export class MalformedSoap extends Error {}

const objectParser = new XMLParser({
  ignoreAttributes: false,
  removeNSPrefix: true,
  parseTagValue: false,
  attributeNamePrefix: '@_',
});
const orderedParser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  removeNSPrefix: true,
  parseTagValue: false,
});

function asObject(v: unknown): XmlObject | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as XmlObject) : undefined;
}

/** The text of `node[...path]`, whether or not the element carried attributes. */
export function textAt(node: XmlValue | undefined, ...path: string[]): string | undefined {
  let cur: XmlValue | XmlValue[] | undefined = node;
  for (const key of path) {
    const obj = asObject(Array.isArray(cur) ? cur[0] : cur);
    cur = obj?.[key];
  }
  if (Array.isArray(cur)) cur = cur[0];
  if (typeof cur === 'string') return cur.trim();
  const text = asObject(cur)?.['#text'];
  return typeof text === 'string' ? text.trim() : cur === undefined ? undefined : '';
}

export function attrAt(
  node: XmlValue | undefined,
  name: string,
  ...path: string[]
): string | undefined {
  let cur: XmlValue | XmlValue[] | undefined = node;
  for (const key of path) cur = asObject(Array.isArray(cur) ? cur[0] : cur)?.[key];
  const value = asObject(Array.isArray(cur) ? cur[0] : cur)?.[`@_${name}`];
  return typeof value === 'string' ? value : undefined;
}

function toOrdered(node: Record<string, unknown>): OrderedElement | null {
  const name = Object.keys(node).find((k) => k !== ':@' && k !== '#text');
  if (!name) return null;
  const raw = node[name];
  const children = Array.isArray(raw)
    ? raw
        .map((c) => toOrdered(c as Record<string, unknown>))
        .filter((c): c is OrderedElement => c !== null)
    : [];
  return { name, children };
}

/** Child `name` of an ordered element, first match. */
export function orderedChild(el: OrderedElement, name: string): OrderedElement | undefined {
  return el.children.find((c) => c.name === name);
}

export function parseSoapRequest(xml: string): SoapRequest {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new MalformedSoap(valid.err.msg);
  const envelope = asObject(asObject(objectParser.parse(xml))?.Envelope);
  const body = asObject(envelope?.Body);
  const op = body ? Object.keys(body).find((k) => !k.startsWith('@_')) : undefined;
  if (!envelope || !body || !op) throw new MalformedSoap('no SOAP Envelope/Body operation');
  const orderedRoot = (orderedParser.parse(xml) as Record<string, unknown>[])
    .map(toOrdered)
    .find((e) => e?.name === 'Envelope');
  const orderedOp = orderedRoot && orderedChild(orderedRoot, 'Body')?.children[0];
  return {
    op,
    args: asObject(body[op]) ?? {},
    ordered: orderedOp ?? { name: op, children: [] },
    header: asObject(envelope.Header) ?? {},
  };
}

/** The WS-Security UsernameToken of the header, if there is one. */
export function usernameToken(header: XmlObject): UsernameToken | null {
  const token = asObject(asObject(header.Security)?.UsernameToken);
  if (!token) return null;
  return {
    username: textAt(token, 'Username') ?? '',
    password: textAt(token, 'Password') ?? '',
    passwordType: attrAt(token, 'Type', 'Password') ?? '',
    nonce: textAt(token, 'Nonce') ?? '',
    created: textAt(token, 'Created') ?? '',
  };
}
