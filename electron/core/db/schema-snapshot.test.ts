// Pins the schema every migration step produces, so moving or splitting the
// migration sources can never change an existing station database: a fresh
// file and one upgraded from any earlier version must end byte-identical.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Database } from './database';
import { migrate } from './migrate';
import { migrations } from './schema';

/**
 * Every schema object in creation order with a digest of the SQL SQLite stored
 * for it (the text itself would repeat the migrations; the digest pins it).
 */
async function schemaOf(db: Database): Promise<string> {
  const rows = await db.all<{ type: string; name: string; sql: string | null }>(
    'SELECT type, name, sql FROM sqlite_master ORDER BY rowid',
  );
  const digest = (sql: string | null) =>
    sql === null ? '-' : createHash('sha256').update(sql).digest('hex').slice(0, 16);
  return rows.map((r) => `${r.type} ${r.name} ${digest(r.sql)}\n`).join('');
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'station-schema-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('station schema', () => {
  it('each migration step produces the pinned schema', async () => {
    const db = await Database.open(join(dir, 'fresh.db'));
    const steps: string[] = [];
    for (let version = 1; version <= migrations.length; version++) {
      await migrate(db, migrations.slice(0, version));
      steps.push(`-- v${version}\n${await schemaOf(db)}`);
    }
    await db.close();
    await expect(steps.join('\n')).toMatchFileSnapshot('./__snapshots__/schema-steps.txt');
  });

  it('a database upgraded from every earlier version ends identical to a fresh one', async () => {
    const fresh = await Database.open(join(dir, 'fresh.db'));
    await migrate(fresh, migrations);
    const expected = await schemaOf(fresh);
    await fresh.close();
    for (let from = 1; from < migrations.length; from++) {
      const db = await Database.open(join(dir, `from-v${from}.db`));
      await migrate(db, migrations.slice(0, from));
      await migrate(db, migrations);
      expect(await schemaOf(db), `upgraded from v${from}`).toBe(expected);
      await db.close();
    }
  });
});
