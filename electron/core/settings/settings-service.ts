// Officer-facing settings (contract Settings) plus a few internal flags, all in
// the `settings` table as JSON values. Unknown or invalid stored values fall
// back to the default for that key, so a bad row never blocks start-up.
import { DEFAULT_SETTINGS, Settings } from '../../contract/schemas';
import type { Database, Queryable } from '../db/database';

/** Internal keys live under this prefix and never appear in `Settings`. */
const INTERNAL = 'internal.';

export type SettingsEmit = (event: 'settings.changed', payload: Settings) => void;

export class SettingsService {
  private cache: Settings | null = null;

  constructor(private readonly deps: { db: Database; emit: SettingsEmit }) {}

  async start(): Promise<void> {
    await this.get();
  }

  async get(): Promise<Settings> {
    if (this.cache) return this.cache;
    const rows = await this.deps.db.all<{ key: string; value_json: string }>(
      `SELECT key, value_json FROM settings WHERE key NOT LIKE '${INTERNAL}%'`,
    );
    const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS };
    for (const row of rows) {
      if (!(row.key in DEFAULT_SETTINGS)) continue;
      const key = row.key as keyof Settings;
      const field = Settings.shape[key];
      const parsed = field.safeParse(safeJson(row.value_json));
      if (parsed.success) merged[key] = parsed.data;
    }
    this.cache = Settings.parse(merged);
    return this.cache;
  }

  async update(patch: Partial<Settings>): Promise<Settings> {
    const next = Settings.parse({ ...(await this.get()), ...stripUndefined(patch) });
    await this.deps.db.transaction(async (tx) => {
      for (const key of Object.keys(patch) as (keyof Settings)[]) {
        if (patch[key] === undefined) continue;
        await tx.run(
          'INSERT INTO settings (key, value_json) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json',
          [key, JSON.stringify(next[key])],
        );
      }
    });
    this.cache = next;
    this.deps.emit('settings.changed', next);
    return next;
  }

  /** Internal flag or value (e.g. demo dismissed); not part of the contract. */
  async getInternal(name: string): Promise<unknown> {
    const row = await this.deps.db.get<{ value_json: string }>(
      'SELECT value_json FROM settings WHERE key = ?',
      [INTERNAL + name],
    );
    return row ? safeJson(row.value_json) : undefined;
  }

  /** `tx`: inside a caller's transaction, so the value commits or rolls back with it. */
  async setInternal(name: string, value: unknown, tx: Queryable = this.deps.db): Promise<void> {
    await tx.run(
      'INSERT INTO settings (key, value_json) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json',
      [INTERNAL + name, JSON.stringify(value ?? null)],
    );
  }

  async dispose(): Promise<void> {
    this.cache = null;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function stripUndefined<T extends object>(obj: T): Partial<T> {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as Partial<T>;
}
