// The triggers that make audit rows and acknowledged handovers immutable through
// SQL. The migrations create them; a tool can drop them. The audit log checks at
// start and at every verification that they are all there, records their absence
// and puts them back (docs/duty.md).
import type { Queryable } from '../db/database';

/** Name → CREATE statement, exactly as the duty migration created them. */
export const PROTECTIVE_TRIGGERS: Readonly<Record<string, string>> = {
  audit_log_no_update: `CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'audit_append_only'); END`,
  audit_log_no_delete: `CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'audit_append_only'); END`,
  handovers_immutable_update: `CREATE TRIGGER handovers_immutable_update BEFORE UPDATE ON handovers
    WHEN OLD.acknowledged_at IS NOT NULL
    BEGIN SELECT RAISE(ABORT, 'handover_immutable'); END`,
  handovers_immutable_delete: `CREATE TRIGGER handovers_immutable_delete BEFORE DELETE ON handovers
    WHEN OLD.acknowledged_at IS NOT NULL
    BEGIN SELECT RAISE(ABORT, 'handover_immutable'); END`,
};

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
