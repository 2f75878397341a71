// Opens (creating if needed) the station database in the data directory and
// brings its schema up to date.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Database } from './database';
import { migrate } from './migrate';
import { migrations } from './schema';

export const STATION_DB_FILE = 'station.db';

export async function openStationDb(dataDir: string): Promise<Database> {
  mkdirSync(dataDir, { recursive: true });
  const db = await Database.open(join(dataDir, STATION_DB_FILE));
  try {
    await migrate(db, migrations);
  } catch (err) {
    await db.close().catch(() => undefined);
    throw err;
  }
  return db;
}
