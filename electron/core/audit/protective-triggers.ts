// The triggers that make audit rows and acknowledged handovers immutable through
// SQL. The migrations create them; a tool can drop them. The audit log checks at
// start and at every verification that they are all there, records their absence
// and puts them back (docs/design/duty.md).
import type { Queryable } from '../db/database';
import { PROTECTIVE_TRIGGERS } from '../db/schema';

/** Names of the protective triggers that are not in the database, sorted. */
export async function missingTriggers(db: Queryable): Promise<string[]> {
  const rows = await db.all<{ name: string }>(
    "SELECT name FROM sqlite_master WHERE type = 'trigger'",
  );
  const present = new Set(rows.map((r) => r.name));
  return Object.keys(PROTECTIVE_TRIGGERS)
    .filter((n) => !present.has(n))
    .sort();
}

/** Creates the named triggers again (inside the caller's transaction). */
export async function restoreTriggers(db: Queryable, names: readonly string[]): Promise<void> {
  for (const name of names) {
    const sql = PROTECTIVE_TRIGGERS[name];
    if (sql) await db.exec(sql);
  }
}
