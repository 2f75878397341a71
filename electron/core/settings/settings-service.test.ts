import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Settings } from '../../contract/schemas';
import type { Database } from '../db/database';
import { openStationDb } from '../db/open-station-db';
import { DEFAULT_SETTINGS } from '../../contract/schemas';
import { SettingsService } from './settings-service';

let dir: string;
let db: Database;
let events: Settings[];
const make = () => new SettingsService({ db, emit: (_e, s) => events.push(s) });

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'station-settings-'));
  db = await openStationDb(dir);
  events = [];
});
afterEach(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('SettingsService', () => {
  it('starts from the defaults: Vietnamese, sound on, 10 s tour, lock after 10 min, incident -2/+3 min', async () => {
    expect(await make().get()).toEqual({
      language: 'vi',
      alertMuted: false,
      tourIntervalSec: 10,
      ffmpegPath: '',
      stationName: '',
      lastLayoutId: null,
      idleLockMinutes: 10,
      incidentBeforeSec: 120,
      incidentAfterSec: 180,
    });
  });

  it('persists updates, emits them, and ignores a corrupt stored value', async () => {
    const s = await make().update({ language: 'en', tourIntervalSec: 30 });
    expect(s).toEqual({ ...DEFAULT_SETTINGS, language: 'en', tourIntervalSec: 30 });
    expect(events).toEqual([s]);
    await db.run("INSERT INTO settings (key, value_json) VALUES ('alertMuted', '\"yes\"')");
    await db.run(
      "INSERT INTO settings (key, value_json) VALUES ('internal.demo.dismissed', 'true')",
    );
    const fresh = make();
    expect(await fresh.get()).toEqual({ ...DEFAULT_SETTINGS, language: 'en', tourIntervalSec: 30 });
    expect(await fresh.getInternal('demo.dismissed')).toBe(true);
    await expect(fresh.update({ tourIntervalSec: 1 })).rejects.toThrow();
  });
});
