// A fresh data folder, SQLite file and service graph for every test of a file
// (vitest hooks), torn down in order after each test.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import type { Database } from '../../db/database';
import { openStationDb } from '../../db/open-station-db';
import type { Endpoint } from '../dispatch';
import { buildTestServices } from './test-services';

/** Registers the hooks; the returned function gives the current test's endpoint. */
export function freshEndpointPerTest(name: string): () => Endpoint {
  let dir: string;
  let db: Database;
  let endpoint: Endpoint | null = null;
  let settle: () => Promise<void>;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), `station-${name}-`));
    db = await openStationDb(dir);
    ({ endpoint, settle } = await buildTestServices({ db, dir }));
  });
  afterEach(async () => {
    await settle();
    await db.close();
    rmSync(dir, { recursive: true, force: true });
    endpoint = null;
  });
  return () => {
    if (!endpoint) throw new Error('no endpoint outside a test');
    return endpoint;
  };
}
