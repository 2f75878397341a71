// Schema migrations tracked by PRAGMA user_version: step i brings the schema
// from version i to i+1. The list is append-only — never edit a shipped step.
import type { Database } from './database';

export type Migration = string;

/**
 * The SQL one domain adds to the schema, by the version whose step runs it. The
 * station's step for a version is the parts of every domain for that version.
 */
export type DomainMigrations = Readonly<Record<number, string>>;

export async function migrate(db: Database, migrations: readonly Migration[]): Promise<number> {
  const row = await db.get<{ user_version: number }>('PRAGMA user_version');
  const from = row?.user_version ?? 0;
  if (from > migrations.length) {
    // A newer build wrote this file; running older code against it could corrupt data.
    throw new Error(`database schema v${from} is newer than this build (v${migrations.length})`);
  }
  for (let version = from; version < migrations.length; version++) {
    const step = migrations[version] as Migration;
    await db.transaction(async (tx) => {
      await tx.exec(step);
      await tx.exec(`PRAGMA user_version = ${version + 1}`);
    });
  }
  return migrations.length;
}
