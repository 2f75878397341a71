// The outage table's rebuild (outages outlive their camera) keeps every stored outage
// and stops following a camera's removal.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { Database } from '../db/database';
import { migrate } from '../db/migrate';
import { migrations } from '../db/schema';

const REBUILT_AT = 6;
let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it('keeps the outages stored before the rebuild, and keeps them when their camera goes', async () => {
  dir = mkdtempSync(join(tmpdir(), 'station-outage-migration-'));
  const db = await Database.open(join(dir, 'station.db'));
  try {
    await migrate(db, migrations.slice(0, REBUILT_AT - 1));
    await db.run(
      "INSERT INTO cameras (id, name, source, main_url, created_at) VALUES ('cam-1', 'Cổng', 'rtsp', 'rtsp://h/x', 0)",
    );
    await db.run(
      "INSERT INTO camera_outages (camera_id, stream, started_at, ended_at, error_kind) VALUES ('cam-1', 'sub', 1000, 2000, 'timeout'), ('cam-1', 'main', 3000, NULL, NULL)",
    );
    await migrate(db, migrations);
    await db.run("DELETE FROM cameras WHERE id = 'cam-1'");
    expect(
      await db.all(
        'SELECT id, camera_id, stream, started_at, ended_at, error_kind FROM camera_outages ORDER BY id',
      ),
    ).toEqual([
      {
        id: 1,
        camera_id: 'cam-1',
        stream: 'sub',
        started_at: 1000,
        ended_at: 2000,
        error_kind: 'timeout',
      },
      {
        id: 2,
        camera_id: 'cam-1',
        stream: 'main',
        started_at: 3000,
        ended_at: null,
        error_kind: null,
      },
    ]);
    expect(
      await db.all(
        // Tables and indexes; the district outbox triggers (v10) are tested with the outbox.
        "SELECT name FROM sqlite_master WHERE name LIKE 'camera_outages%' AND type <> 'trigger' ORDER BY name",
      ),
    ).toEqual([
      { name: 'camera_outages' },
      { name: 'camera_outages_camera' },
      { name: 'camera_outages_open' },
    ]);
  } finally {
    await db.close();
  }
});
