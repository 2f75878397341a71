// Domains own their tables (electron/core/db/table-owners.json): SQL written in
// electron/core/<domain>/ may name only that domain's tables. Another domain's
// data is read through its service or public read module, so a table can change
// with the one domain that owns it.
import { readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

// Paths are taken from the repository root, so linting from a subfolder checks the same files.
const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const owners = JSON.parse(
  readFileSync(join(repoRoot, 'electron', 'core', 'db', 'table-owners.json'), 'utf8'),
);

/** table → owning domain */
const ownerOf = new Map(
  Object.entries(owners).flatMap(([domain, tables]) => tables.map((t) => [t, domain])),
);

// A table named after the keywords that introduce one in SQL (and in DDL: ON for
// indexes and triggers). Only names in the map count, so English words after
// "from" or "on" in ordinary text never match.
const TABLE_REF =
  /\b(FROM|JOIN|INTO|UPDATE|TABLE|REFERENCES|ON)\s+(?:IF\s+(?:NOT\s+)?EXISTS\s+)?["`[]?(\w+)/gi;

// Where a FROM list ends: the next clause or a parenthesis. The list's further
// tables follow commas, so "FROM incidents i, officers o" names both.
const FROM_LIST_END =
  /\b(?:WHERE|JOIN|ON|USING|GROUP|ORDER|LIMIT|UNION|LEFT|INNER|CROSS|HAVING|WINDOW)\b|[();]/i;
const LIST_ITEM = /,\s*["`[]?(\w+)/g;

/** Tables named by one keyword match: the one it introduces and, for FROM, the rest of the list. */
function tablesOf(match, text) {
  const [whole, keyword, first] = match;
  if (keyword.toUpperCase() !== 'FROM') return [first];
  const after = text.slice(match.index + whole.length);
  const end = after.search(FROM_LIST_END);
  const list = end === -1 ? after : after.slice(0, end);
  return [first, ...[...list.matchAll(LIST_ITEM)].map((m) => m[1])];
}

// A domain's migrations may declare a foreign key to another domain's table
// (the schema is shared and shipped steps never change); they may not read it.
const MIGRATIONS_FILE = /-migrations\.ts$/;

// The transactional outbox (docs/design/district.md) is the one table every domain
// appends to: a domain's migrations may add triggers that write INTO district_outbox,
// gated by reading FROM district_link whether the station is linked. Nothing else
// of the district domain, and only in a migrations file.
const OUTBOX_ALLOWANCE = { district_outbox: 'INTO', district_link: 'FROM' };

/** The core domain folder a file lies in, or undefined outside electron/core/. */
function domainOf(filename) {
  const parts = relative(repoRoot, filename).split(sep);
  return parts[0] === 'electron' && parts[1] === 'core' && parts.length > 3 ? parts[2] : undefined;
}

/** @type {import('eslint').Rule.RuleModule} */
const noCrossDomainSql = {
  meta: {
    type: 'problem',
    docs: { description: "Disallow SQL on another core domain's tables" },
    schema: [],
    messages: {
      foreign:
        "Table '{{table}}' belongs to the {{owner}} domain: call the {{owner}} service (or its public read module in electron/core/{{owner}}/) instead of querying its table from {{domain}}/.",
    },
  },
  create(context) {
    const domain = domainOf(context.filename);
    if (domain === undefined) return {};

    const migrations = MIGRATIONS_FILE.test(context.filename);

    function check(node, text) {
      const reported = new Set();
      for (const match of text.matchAll(TABLE_REF)) {
        const keyword = match[1].toUpperCase();
        if (migrations && keyword === 'REFERENCES') continue;
        for (const name of tablesOf(match, text)) {
          const table = name.toLowerCase();
          if (migrations && OUTBOX_ALLOWANCE[table] === keyword) continue;
          const owner = ownerOf.get(table);
          if (owner === undefined || owner === domain || reported.has(table)) continue;
          reported.add(table);
          context.report({ node, messageId: 'foreign', data: { table, owner, domain } });
        }
      }
    }

    return {
      Literal(node) {
        if (typeof node.value === 'string') check(node, node.value);
      },
      TemplateLiteral(node) {
        // An interpolation is not a table name this rule can know; keep the gap.
        check(node, node.quasis.map((q) => q.value.cooked ?? q.value.raw).join(' ? '));
      },
    };
  },
};

export default { rules: { 'no-cross-domain-sql': noCrossDomainSql } };
