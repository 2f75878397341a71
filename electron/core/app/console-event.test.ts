// system.consoleEvent: a console's crashed or hung page is audited, under the
// officer signed in on that connection or as nobody before sign-in; nothing but
// the two kinds and their small details gets into the audit log through it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../contract/audit-schemas';
import { ApiError } from '../../contract/errors';
import type { Database } from '../db/database';
import { openStationDb } from '../db/open-station-db';
import { dispatch, type Endpoint } from './dispatch';
import { connection, buildTestServices, signInCommander } from './testing/test-services';

let dir: string;
let db: Database;
let endpoint: Endpoint;
let settle: () => Promise<void>;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'station-console-event-'));
  db = await openStationDb(dir);
  ({ endpoint, settle } = await buildTestServices({ db, dir }));
});
afterEach(async () => {
  await settle();
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

async function consoleEntries(): Promise<AuditEntry[]> {
  const commander = await signInCommander(endpoint);
  const page = (await dispatch(endpoint, 'audit.list', {}, commander)) as { items: AuditEntry[] };
  return page.items.filter((e) => e.action.startsWith('console.'));
}

describe('system.consoleEvent', () => {
  it('audits a crash before sign-in with no officer, and a hang under the signed-in one', async () => {
    expect(
      await dispatch(
        endpoint,
        'system.consoleEvent',
        { kind: 'renderer_crashed', reason: 'oom', exitCode: 133 },
        connection(),
      ),
    ).toEqual({ ok: true });
    const commander = await signInCommander(endpoint);
    await dispatch(endpoint, 'system.consoleEvent', { kind: 'renderer_hung' }, commander);

    const [hung, crashed] = await consoleEntries();
    expect(crashed).toMatchObject({
      action: 'console.renderer_crashed',
      officerId: null,
      details: { reason: 'oom', exitCode: 133, transport: 'test' },
    });
    expect(hung).toMatchObject({ action: 'console.renderer_hung', officerName: 'Nguyễn Văn Quản' });
  });

  it('refuses other kinds, free text and extra fields, and audits nothing for them', async () => {
    for (const payload of [
      { kind: 'camera_removed' },
      { kind: 'renderer_crashed', reason: 'crashed; DROP TABLE audit_log' },
      { kind: 'renderer_crashed', officer: 'someone else' },
      {},
    ]) {
      const err = await dispatch(endpoint, 'system.consoleEvent', payload, connection()).catch(
        (e: unknown) => e,
      );
      expect(err instanceof ApiError ? err.code : err).toBe('invalid_request');
    }
    expect(await consoleEntries()).toEqual([]);
  });
});
