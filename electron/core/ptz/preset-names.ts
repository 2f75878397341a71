// The names officers gave each camera's presets, as they typed them: many
// firmwares store preset names in a narrow charset and give back "Ng? t? Ph? Hu?".
import type { Database, Queryable } from '../db/database';

export class PresetNames {
  constructor(
    private readonly db: Database,
    private readonly now: () => number = Date.now,
  ) {}

  /** token → name of one camera's presets. */
  async of(cameraId: string): Promise<Map<string, string>> {
    const rows = await this.db.all<{ token: string; name: string }>(
      'SELECT token, name FROM ptz_presets WHERE camera_id = ?',
      [cameraId],
    );
    return new Map(rows.map((r) => [r.token, r.name]));
  }

  async save(
    q: Queryable,
    cameraId: string,
    token: string,
    name: string,
    officerId: string | null,
  ): Promise<void> {
    await q.run(
      `INSERT INTO ptz_presets (camera_id, token, name, updated_at, updated_by)
       VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (camera_id, token) DO UPDATE SET
         name = excluded.name, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
      [cameraId, token, name, this.now(), officerId],
    );
  }

  async remove(q: Queryable, cameraId: string, token: string): Promise<void> {
    await q.run('DELETE FROM ptz_presets WHERE camera_id = ? AND token = ?', [cameraId, token]);
  }
}
