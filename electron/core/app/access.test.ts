// The contract's access rules over the real handler set on a real SQLite file:
// every channel is checked, so a new channel cannot ship without a rule that holds.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { channels, type Access, type Channel } from '../../contract/channels';
import { ApiError } from '../../contract/errors';
import type { Database } from '../db/database';
import { openStationDb } from '../db/open-station-db';
import { dispatch, type CallContext, type Endpoint } from './dispatch';
import {
  connection,
  buildTestServices,
  signInCommander,
  signInDutyOfficer,
  TEST_PASSWORD,
} from './testing/test-services';

let dir: string;
let db: Database;
let endpoint: Endpoint;
let settle: () => Promise<void>;

const all = Object.keys(channels) as Channel[];
const withAccess = (...levels: Access[]) => all.filter((c) => levels.includes(channels[c].access));

async function codeOf(p: Promise<unknown>): Promise<string> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  return err instanceof ApiError ? `${err.code}:${err.message}` : 'ok';
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'station-access-'));
  db = await openStationDb(dir);
  ({ endpoint, settle } = await buildTestServices({
    db,
    dir,
    systemInfo: async () => ({
      version: '0.0.0',
      mediaBaseUrl: 'http://127.0.0.1:1',
      mediaToken: 't',
      demoMode: false,
      dataDir: dir,
      ffmpegPath: null,
      platform: 'linux',
    }),
  }));
});
afterEach(async () => {
  await settle();
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('contract access rules', () => {
  it('every channel declares one of the four access levels, and the public set is small', () => {
    for (const c of all)
      expect(['public', 'session', 'officer', 'commander']).toContain(channels[c].access);
    expect(withAccess('public').sort()).toEqual(
      [
        'auth.resume',
        'auth.setup',
        'auth.signIn',
        'auth.state',
        'system.info',
        'system.consoleEvent',
      ].sort(),
    );
  });

  it('refuses every non-public channel to a connection that has not signed in', async () => {
    const anon = connection();
    for (const c of withAccess('session', 'officer', 'commander')) {
      expect(`${c} → ${await codeOf(dispatch(endpoint, c, {}, anon))}`).toBe(
        `${c} → unauthenticated:sign_in_required`,
      );
    }
    // Public ones answer (system.info is faked above).
    expect(await codeOf(dispatch(endpoint, 'auth.state', {}, anon))).toBe('ok');
    expect(await codeOf(dispatch(endpoint, 'system.info', {}, anon))).toBe('ok');
  });

  it("refuses a duty officer's call to every commander-only channel, before reading its payload", async () => {
    const commander = await signInCommander(endpoint);
    const { ctx } = await signInDutyOfficer(endpoint, commander);
    for (const c of withAccess('commander')) {
      expect(`${c} → ${await codeOf(dispatch(endpoint, c, {}, ctx))}`).toBe(
        `${c} → forbidden:commander_only`,
      );
    }
    // Officer-level channels work for them.
    expect(await codeOf(dispatch(endpoint, 'incident.list', {}, ctx))).toBe('ok');
    expect(await codeOf(dispatch(endpoint, 'shift.current', {}, ctx))).toBe('ok');
    expect(await codeOf(dispatch(endpoint, 'settings.update', { alertMuted: true }, ctx))).toBe(
      'ok',
    );
  });

  it('a commander reaches commander channels', async () => {
    const commander = await signInCommander(endpoint);
    expect(await codeOf(dispatch(endpoint, 'officer.list', {}, commander))).toBe('ok');
    expect(await codeOf(dispatch(endpoint, 'audit.verify', {}, commander))).toBe('ok');
    expect(
      await codeOf(dispatch(endpoint, 'settings.updateStation', { idleLockMinutes: 5 }, commander)),
    ).toBe('ok');
  });

  it('a locked screen keeps live view (session channels) and refuses everything else until unlocked', async () => {
    const ctx: CallContext = await signInCommander(endpoint);
    await dispatch(endpoint, 'auth.lock', {}, ctx);
    for (const c of withAccess('officer', 'commander')) {
      expect(`${c} → ${await codeOf(dispatch(endpoint, c, {}, ctx))}`).toBe(
        `${c} → locked:screen_locked`,
      );
    }
    expect(await codeOf(dispatch(endpoint, 'camera.list', {}, ctx))).toBe('ok');
    expect(await codeOf(dispatch(endpoint, 'camera.statuses', {}, ctx))).toBe('ok');
    expect(await codeOf(dispatch(endpoint, 'auth.unlock', { password: 'sai-mat-khau' }, ctx))).toBe(
      'forbidden:bad_password',
    );
    expect(await codeOf(dispatch(endpoint, 'auth.unlock', { password: TEST_PASSWORD }, ctx))).toBe(
      'ok',
    );
    expect(await codeOf(dispatch(endpoint, 'officer.list', {}, ctx))).toBe('ok');
  });

  it("a duty officer's sign-in takes the shift over; a commander's sign-in beside it supervises", async () => {
    const commander = await signInCommander(endpoint);
    const { ctx, officerId } = await signInDutyOfficer(endpoint, commander);
    // The commander's own shift was open: the duty officer's sign-in ended it (handover pending)
    // and ended the commander's session with it.
    expect(await codeOf(dispatch(endpoint, 'officer.list', {}, commander))).toBe(
      'unauthenticated:sign_in_required',
    );
    const state = (await dispatch(endpoint, 'auth.state', {}, ctx)) as {
      session: { shiftId: string | null };
      pendingHandovers: unknown[];
    };
    expect(state.session.shiftId).not.toBeNull();
    expect(state.pendingHandovers).toHaveLength(1);

    // The commander signs in again beside the duty officer's open shift: no takeover.
    const supervisor = await signInCommander(endpoint);
    expect(await codeOf(dispatch(endpoint, 'incident.list', {}, ctx))).toBe('ok');
    expect(await codeOf(dispatch(endpoint, 'shift.current', {}, supervisor))).toBe(
      'conflict:no_shift',
    );

    // Deactivation ends the officer's live session at once and refuses the next sign-in.
    expect(
      await codeOf(
        dispatch(endpoint, 'officer.update', { id: officerId, active: false }, supervisor),
      ),
    ).toBe('ok');
    expect(await codeOf(dispatch(endpoint, 'incident.list', {}, ctx))).toBe(
      'unauthenticated:sign_in_required',
    );
    expect(
      await codeOf(
        dispatch(endpoint, 'auth.signIn', { officerId, password: TEST_PASSWORD }, connection()),
      ),
    ).toBe('forbidden:inactive');
  });
});
