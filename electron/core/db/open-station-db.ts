// Opens (creating if needed) the station database in the data directory and
// brings its schema up to date.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { restrictFiles, restrictFolder, OWNER_ONLY_DIR } from '../storage/owner-only';
import { Database } from './database';
import { migrate } from './migrate';
import { migrations } from './schema';

export const STATION_DB_FILE = 'station.db';

/** The database and its WAL files: owner-only (0600 on POSIX), like the data folder (0700). */
const DB_FILES = [STATION_DB_FILE, `${STATION_DB_FILE}-wal`, `${STATION_DB_FILE}-shm`];

export async function openStationDb(dataDir: string): Promise<Database> {
  mkdirSync(dataDir, { recursive: true, mode: OWNER_ONLY_DIR });
  // Also for a folder an older build (or the log, created first) left at 0755.
  await restrictFolder(dataDir);
  const db = await Database.open(join(dataDir, STATION_DB_FILE));
  try {
    await migrate(db, migrations);
    await restrictFiles(dataDir, DB_FILES);
  } catch (err) {
    await db.close().catch(() => undefined);
    throw err;
  }
  return db;
}
