import { chmodSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { probeStorage } from '../storage/storage-health';
import { openStationDb } from './open-station-db';

const mode = (p: string) => statSync(p).mode & 0o777;
let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(process.platform === 'win32')('owner-only station data', () => {
  it('makes the data folder 0700 and the database files 0600, also for an older 0755/0644 folder', async () => {
    dir = mkdtempSync(join(tmpdir(), 'station-perm-'));
    const data = join(dir, 'data');
    const db = await openStationDb(data);
    await db.run("INSERT INTO settings (key, value_json) VALUES ('x', '1')");
    await db.close();
    // What a build before this rule left behind.
    chmodSync(data, 0o755);
    chmodSync(join(data, 'station.db'), 0o644);
    const again = await openStationDb(data);
    await again.run("INSERT INTO settings (key, value_json) VALUES ('y', '1')");
    expect(mode(data)).toBe(0o700);
    expect(mode(join(data, 'station.db'))).toBe(0o600);
    expect(mode(join(data, 'station.db-wal'))).toBe(0o600);
    await again.close();
  });

  it('creates storage folders owner-only', async () => {
    dir = mkdtempSync(join(tmpdir(), 'station-perm-'));
    expect(await probeStorage(join(dir, 'recordings'), { create: true })).toEqual({ ok: true });
    expect(mode(join(dir, 'recordings'))).toBe(0o700);
  });
});
