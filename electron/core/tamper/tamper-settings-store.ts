// Each camera's detector settings: stored as JSON, read back through the contract's
// schema so a row written by an older build (or edited by hand) still gives whole,
// valid settings — the defaults fill what is missing.
import { PictureAlarmKind } from '../../contract/camera-alarms';
import { DEFAULT_TAMPER_CHECKS, TamperCheck, TamperSettings } from '../../contract/tamper';
import type { Database } from '../db/database';

export function defaultTamperSettings(cameraId: string): TamperSettings {
  return { cameraId, enabled: true, ...structuredClone(DEFAULT_TAMPER_CHECKS) };
}

function fromJson(cameraId: string, json: string): TamperSettings {
  const base = defaultTamperSettings(cameraId);
  let stored: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(json);
    stored = parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  } catch {
    return base;
  }
  const out = { ...base };
  if (typeof stored.enabled === 'boolean') out.enabled = stored.enabled;
  for (const kind of PictureAlarmKind.options) {
    const check = TamperCheck.safeParse({ ...base[kind], ...(stored[kind] as object | undefined) });
    if (check.success) out[kind] = check.data;
  }
  return out;
}

export class TamperSettingsStore {
  constructor(
    private readonly db: Database,
    private readonly now: () => number = Date.now,
  ) {}

  async get(cameraId: string): Promise<TamperSettings> {
    const row = await this.db.get<{ json: string }>(
      'SELECT json FROM tamper_settings WHERE camera_id = ?',
      [cameraId],
    );
    return row ? fromJson(cameraId, row.json) : defaultTamperSettings(cameraId);
  }

  async save(settings: TamperSettings): Promise<TamperSettings> {
    const { cameraId, ...rest } = TamperSettings.parse(settings);
    await this.db.run(
      `INSERT INTO tamper_settings (camera_id, json, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (camera_id) DO UPDATE SET json = excluded.json, updated_at = excluded.updated_at`,
      [cameraId, JSON.stringify(rest), this.now()],
    );
    return this.get(cameraId);
  }

  async forget(cameraIds: readonly string[]): Promise<void> {
    for (const id of cameraIds)
      await this.db.run('DELETE FROM tamper_settings WHERE camera_id = ?', [id]);
  }
}
