// The table-ownership map (table-owners.json, read by the lint rule against
// cross-domain SQL) must name exactly the tables the migrations create, each
// with one owner, and each table is created by its owner's migrations module.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DOMAIN_MIGRATIONS, migrations } from './schema';
import tableOwners from './table-owners.json';

const coreDir = fileURLToPath(new URL('..', import.meta.url));

const CREATE_TABLE = /\bCREATE\s+(?:VIRTUAL\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?["`]?(\w+)/gi;

const RENAME_TABLE = /\bALTER\s+TABLE\s+["`]?(\w+)["`]?\s+RENAME\s+TO\s+["`]?(\w+)/gi;

/**
 * Names of the tables the given SQL creates. A table rebuilt the SQLite way (created under
 * a new name, filled, renamed over the old one) is the old table, not a new one.
 */
function createdTables(sql: string): string[] {
  const renamedAway = new Set([...sql.matchAll(RENAME_TABLE)].map((m) => m[1] as string));
  return [...sql.matchAll(CREATE_TABLE)]
    .map((m) => m[1] as string)
    .filter((t) => !renamedAway.has(t));
}

const ownerOf = new Map<string, string>();
for (const [domain, tables] of Object.entries(tableOwners)) {
  for (const table of tables) ownerOf.set(table, domain);
}

describe('table ownership', () => {
  it('gives every table one owner', () => {
    const listed = Object.values(tableOwners).flat();
    expect(new Set(listed).size).toBe(listed.length);
  });

  it('names an owner for every table the migrations create, and no other table', () => {
    const created = migrations.flatMap(createdTables);
    expect(created.filter((t) => !ownerOf.has(t))).toEqual([]);
    expect([...ownerOf.keys()].filter((t) => !created.includes(t))).toEqual([]);
  });

  it("creates each table in its owner's <domain>/<domain>-migrations.ts", () => {
    for (const [domain, steps] of DOMAIN_MIGRATIONS) {
      const created = Object.values(steps).flatMap(createdTables);
      expect(
        created.filter((t) => ownerOf.get(t) !== domain),
        domain,
      ).toEqual([]);
      // The module the step composes is the one in the domain's own folder.
      const source = readFileSync(join(coreDir, domain, `${domain}-migrations.ts`), 'utf8');
      expect(createdTables(source), domain).toEqual(created);
    }
  });

  it('keeps schema SQL in migrations modules only', () => {
    const elsewhere = (readdirSync(coreDir, { recursive: true }) as string[]).filter(
      (f) =>
        f.endsWith('.ts') &&
        !f.endsWith('-migrations.ts') &&
        !f.endsWith('.test.ts') &&
        !/(^|[\\/])testing[\\/]/.test(f) &&
        createdTables(readFileSync(join(coreDir, f), 'utf8')).length > 0,
    );
    expect(elsewhere).toEqual([]);
  });

  it('composes every version from at least one domain part', () => {
    expect(migrations.filter((step) => step.trim() === '')).toEqual([]);
  });
});
