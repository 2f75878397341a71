import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Database } from './database';
import { migrate } from './migrate';
import { migrations } from './schema';
import { openStationDb } from './open-station-db';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'station-db-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('Database', () => {
  it('opens a real file in WAL mode with foreign keys on', async () => {
    const db = await Database.open(join(dir, 'a.db'));
    expect((await db.get<{ journal_mode: string }>('PRAGMA journal_mode'))?.journal_mode).toBe(
      'wal',
    );
    expect((await db.get<{ foreign_keys: number }>('PRAGMA foreign_keys'))?.foreign_keys).toBe(1);
    await db.close();
  });

  it('migrations are idempotent and tracked by user_version', async () => {
    const file = join(dir, 'b.db');
    const db = await openStationDb(dir);
    expect((await db.get<{ user_version: number }>('PRAGMA user_version'))?.user_version).toBe(
      migrations.length,
    );
    await db.run("INSERT INTO settings (key, value_json) VALUES ('language', '\"en\"')");
    // Running again changes nothing and keeps the data.
    expect(await migrate(db, migrations)).toBe(migrations.length);
    await db.close();
    const again = await openStationDb(dir);
    expect(await again.all('SELECT key FROM settings')).toEqual([{ key: 'language' }]);
    const tables = await again.all<{ name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name",
    );
    expect(tables.map((t) => t.name).filter((n) => !n.startsWith('incident_search_'))).toEqual([
      'audit_log',
      'camera_alarm_acks',
      'camera_alarms',
      'camera_clock_readings',
      'camera_outage_acks',
      'camera_outages',
      'cameras',
      'district_link',
      'district_outbox',
      'district_requests',
      'exports',
      'handovers',
      'incident_cameras',
      'incident_history',
      'incident_search',
      'incident_snapshots',
      'incidents',
      'layouts',
      'officers',
      'onvif_devices',
      'ptz_presets',
      'recorders',
      'recording_cameras',
      'recording_events',
      'recording_gaps',
      'recording_hours',
      'recording_keyframes',
      'recording_locks',
      'recording_usage',
      'recordings',
      'removed_cameras',
      'settings',
      'shifts',
      'sqlite_sequence',
      'storage_root_usage',
      'storage_roots',
      'tamper_references',
      'tamper_settings',
    ]);
    await again.close();
    void file;
  });

  it('refuses a database written by a newer build', async () => {
    const db = await Database.open(join(dir, 'c.db'));
    await db.exec(`PRAGMA user_version = ${migrations.length + 1}`);
    await expect(migrate(db, migrations)).rejects.toThrow(/newer/);
    await db.close();
  });

  it('rolls a failed transaction back and keeps serving other statements', async () => {
    const db = await Database.open(join(dir, 'd.db'));
    await db.exec('CREATE TABLE t (v INTEGER NOT NULL)');
    await expect(
      db.transaction(async (tx) => {
        await tx.run('INSERT INTO t (v) VALUES (1)');
        await tx.run('INSERT INTO t (v) VALUES (NULL)');
      }),
    ).rejects.toThrow(/NOT NULL/);
    expect(await db.all('SELECT v FROM t')).toEqual([]);
    // A statement issued during a transaction waits for it instead of landing inside it.
    const tx = db.transaction(async (t) => {
      await t.run('INSERT INTO t (v) VALUES (2)');
      await new Promise((r) => setTimeout(r, 20));
      throw new Error('abort');
    });
    const outside = db.run('INSERT INTO t (v) VALUES (3)');
    await expect(tx).rejects.toThrow('abort');
    await outside;
    expect(await db.all('SELECT v FROM t')).toEqual([{ v: 3 }]);
    await db.close();
  });

  it('a failing migration step leaves the schema version unchanged', async () => {
    const db = await Database.open(join(dir, 'e.db'));
    await expect(
      migrate(db, ['CREATE TABLE ok1 (a INTEGER);', 'CREATE TABLE bad (;']),
    ).rejects.toThrow();
    expect((await db.get<{ user_version: number }>('PRAGMA user_version'))?.user_version).toBe(1);
    expect(await db.all("SELECT name FROM sqlite_master WHERE name = 'bad'")).toEqual([]);
    await db.close();
  });
});
