// Renders docs/ref/contract.md from the merged contract: per domain its channels (access, request,
// response and the comment at the entry) and events, then every named schema they reach. Shapes
// come from zod's z.toJSONSchema with each exported schema registered under its export name, so a
// field of type Camera reads `Camera` rather than Camera's fields again.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import { z } from 'zod';
import { createApi } from '../../electron/contract/api';
import { contractDomains } from '../../electron/contract/channels';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CONTRACT_DOC = 'docs/ref/contract.md';
const CONTRACT = 'electron/contract';

/** What a caller sends (defaults make fields optional) or what arrives. */
type View = 'input' | 'output';

interface JsonSchema {
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  const?: unknown;
  enum?: unknown[];
  type?: string | string[];
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
}

interface Named {
  name: string;
  file: string;
  schema: z.ZodType;
}

/** Every schema exported by electron/contract/*schemas.ts, by file and name. */
async function namedSchemas(): Promise<Named[]> {
  const files = readdirSync(path.join(ROOT, CONTRACT))
    .filter((f) => /(^|-)schemas\.ts$/.test(f))
    .sort();
  const named: Named[] = [];
  const seen = new Set<z.ZodType>();
  for (const file of files) {
    const url = pathToFileURL(path.join(ROOT, CONTRACT, file)).href;
    const mod = (await import(url)) as Record<string, unknown>;
    // Sorted here: module namespaces list their exports in an order that differs between runners.
    for (const [name, value] of Object.entries(mod).sort(([a], [b]) => (a < b ? -1 : 1)))
      if (value instanceof z.ZodType && !seen.has(value)) {
        // Names are the registry's ids: two files exporting one name would mix their references.
        if (named.some((n) => n.name === name))
          throw new Error(`${file} and another schema file both export ${name}`);
        seen.add(value);
        named.push({ name, file, schema: value });
      }
  }
  return named;
}

/** The `/** … *\/` comment before each `'name': …` entry of a domain file, on one line. */
function entryComments(file: string): Map<string, string> {
  const source = ts.createSourceFile(
    file,
    readFileSync(path.join(ROOT, file), 'utf8'),
    ts.ScriptTarget.Latest,
    true,
  );
  const comments = new Map<string, string>();
  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAssignment(node) && ts.isStringLiteral(node.name)) {
      const text = node
        .getFullText()
        .slice(0, node.getLeadingTriviaWidth())
        .match(/\/\*\*([\s\S]*?)\*\//)?.[1];
      if (text)
        comments.set(
          node.name.text,
          text
            .split('\n')
            .map((line) => line.replace(/^\s*\*?\s?/, '').trim())
            .filter(Boolean)
            .join(' '),
        );
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return comments;
}

/** A JSON schema as a TypeScript-like type, named schemas by name. */
function typeText(s: JsonSchema): string {
  if (s.$ref) return s.$ref.replace('#/$defs/', '');
  const members = s.anyOf ?? s.oneOf;
  if (members) return members.map(typeText).join(' | ');
  if (s.allOf) return s.allOf.map(typeText).join(' & ');
  if ('const' in s) return JSON.stringify(s.const);
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(' | ');
  if (Array.isArray(s.type)) return s.type.map((type) => typeText({ ...s, type })).join(' | ');
  switch (s.type) {
    case 'array': {
      if (s.prefixItems) return `[${s.prefixItems.map(typeText).join(', ')}]`;
      const item = s.items ? typeText(s.items) : 'unknown';
      return /[ |&]/.test(item) && !item.startsWith('{') ? `(${item})[]` : `${item}[]`;
    }
    case 'object': {
      const fields = Object.entries(s.properties ?? {}).map(
        ([k, v]) => `${field(s, k)}: ${typeText(v)}`,
      );
      if (fields.length > 0) return `{ ${fields.join('; ')} }`;
      if (typeof s.additionalProperties === 'object')
        return `Record<string, ${typeText(s.additionalProperties)}>`;
      return '{}';
    }
    case undefined:
      return 'unknown';
    default:
      return s.type;
  }
}

const field = (s: JsonSchema, key: string) => (s.required?.includes(key) ? key : `${key}?`);

/** `api.cameras.list` for `camera.list`: createApi called over a transport that notes the channel. */
function apiMethods(): Map<string, string> {
  let called = '';
  const api = createApi({
    invoke: (channel) => {
      called = channel;
      return new Promise(() => {});
    },
    on: () => () => {},
  });
  const methods = new Map<string, string>();
  for (const [group, verbs] of Object.entries(api))
    if (typeof verbs === 'object')
      for (const [verb, method] of Object.entries(
        verbs as Record<string, (p?: unknown) => unknown>,
      )) {
        void method({});
        methods.set(called, `api.${group}.${verb}`);
      }
  return methods;
}

/** A long union of literals, one member a line. */
const definition = (name: string, type: string) =>
  type.length > 90 && !type.startsWith('{')
    ? `${name} =\n${type
        .split(' | ')
        .map((member) => `  | ${member}`)
        .join('\n')}`
    : `${name} = ${type}`;

/** Markdown table cell: pipes escaped, code where asked. */
const cell = (text: string, code = false) => (code ? `\`${text}\`` : text).replaceAll('|', '\\|');

export async function renderContractDoc(): Promise<string> {
  const named = await namedSchemas();
  const api = apiMethods();
  const registry = z.registry<{ id: string }>();
  for (const n of named) registry.add(n.schema, { id: n.name });
  const byObject = new Map(named.map((n) => [n.schema, n]));
  /** Named schemas the contract reaches, and in which view. */
  const reached = new Map<string, Set<View>>();
  const reach = (name: string, view: View) =>
    reached.set(name, (reached.get(name) ?? new Set()).add(view));
  const jsonOf = (schema: z.ZodType, view: View) =>
    z.toJSONSchema(schema, {
      metadata: registry,
      io: view,
      unrepresentable: 'any',
    }) as JsonSchema;

  /** A request's `CameraInput.strict()`: the same fields as a named object schema. */
  const sameFieldsAs = (schema: z.ZodType): Named | undefined => {
    if (!(schema instanceof z.ZodObject)) return undefined;
    const keys = Object.keys(schema.shape);
    return named.find(
      (n) =>
        n.schema instanceof z.ZodObject &&
        Object.keys(n.schema.shape).length === keys.length &&
        keys.every((k) => (n.schema as z.ZodObject).shape[k] === schema.shape[k]),
    );
  };

  const describe = (schema: z.ZodType, view: View): string => {
    const json = jsonOf(schema, view);
    for (const name of Object.keys(json.$defs ?? {})) reach(name, view);
    const own = byObject.get(schema);
    if (own) return own.name;
    const base = sameFieldsAs(schema);
    if (base) {
      const baseJson = jsonOf(base.schema, view);
      for (const name of Object.keys(baseJson.$defs ?? {})) reach(name, view);
      const madeStrict =
        json.additionalProperties === false &&
        baseJson.$defs?.[base.name]?.additionalProperties !== false;
      return madeStrict ? `${base.name}.strict()` : base.name;
    }
    return typeText(json);
  };

  const out: string[] = [
    '# Contract reference',
    '',
    '<!-- Generated from electron/contract/channels.ts by `npm run docs:contract`; do not edit.',
    '     electron/contract/contract-doc.test.ts fails when this file is out of date. -->',
    '',
    'Every channel and event between the console and the station service, per domain, as the',
    'merged map in `electron/contract/channels.ts` defines them (each domain in its own file,',
    '`electron/contract/<domain>.ts`). The renderer calls a channel through its `api` method',
    '(`electron/contract/api.ts`) over Electron IPC or the `/rpc` WebSocket; both sides check the',
    'request and the response against the schemas below. The media plane (segments, live streams,',
    'snapshots, PDFs) is `docs/ref/media-plane.md`.',
    '',
    'Access, checked before the request is parsed: **public** anyone holding the launch token;',
    '**session** a signed-in officer, even while the screen is locked; **officer** a signed-in',
    'officer with the screen unlocked; **commander** as officer, and the officer is a commander.',
    '',
    'Types read as TypeScript: `field?` may be left out (a request field with a default is shown',
    'so); a schema shared by requests and responses is shown as it arrives.',
  ];

  for (const { domain, channels, events } of contractDomains) {
    const file = `${CONTRACT}/${domain}.ts`;
    const comments = entryComments(file);
    out.push('', `## ${domain}`, '', `\`${file}\``);
    const channelRows = Object.entries(channels).map(
      ([name, spec]) =>
        `| ${cell(name, true)} | ${cell(api.get(name) ?? '', true)} | ${spec.access} | ${cell(describe(spec.request, 'input'), true)} | ${cell(describe(spec.response, 'output'), true)} | ${cell(comments.get(name) ?? '')} |`,
    );
    if (channelRows.length > 0)
      out.push(
        '',
        '| channel | api | access | request | response | notes |',
        '| --- | --- | --- | --- | --- | --- |',
        ...channelRows,
      );
    const eventRows = Object.entries(events).map(
      ([name, payload]) =>
        `| ${cell(name, true)} | ${cell(describe(payload, 'output'), true)} | ${cell(comments.get(name) ?? '')} |`,
    );
    if (eventRows.length > 0)
      out.push('', '| event | payload | notes |', '| --- | --- | --- |', ...eventRows);
  }

  out.push(
    '',
    '## Schemas',
    '',
    'Every named schema the channels and events above reach, by file.',
  );
  for (const file of [...new Set(named.map((n) => n.file))]) {
    const lines = named
      .filter((n) => n.file === file && reached.has(n.name))
      .map((n) => {
        const view: View = reached.get(n.name)?.has('output') ? 'output' : 'input';
        const body = jsonOf(n.schema, view).$defs?.[n.name] ?? {};
        const fields = Object.entries(body.properties ?? {});
        if (body.type !== 'object' || fields.length === 0)
          return definition(n.name, typeText(body));
        return [
          `${n.name} = {`,
          ...fields.map(([k, v]) => `  ${field(body, k)}: ${typeText(v)}`),
          '}',
        ].join('\n');
      });
    if (lines.length > 0)
      out.push('', `### \`${CONTRACT}/${file}\``, '', '```ts', lines.join('\n'), '```');
  }
  return `${out.join('\n')}\n`;
}
