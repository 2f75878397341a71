// The table-ownership map (table-owners.json, read by the lint rule against
// cross-domain SQL) must name exactly the tables the migrations create, each
// with one owner.
import { describe, expect, it } from 'vitest';
import { migrations } from './schema';
import tableOwners from './table-owners.json';

const CREATE_TABLE = /\bCREATE\s+(?:VIRTUAL\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?["`]?(\w+)/gi;

/** Names of the tables the given SQL creates. */
function createdTables(sql: string): string[] {
  return [...sql.matchAll(CREATE_TABLE)].map((m) => m[1] as string);
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
});
