import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createApi } from '../../electron/contract/api';
import { ApiError } from '../../electron/contract/errors';
import type {
  Officer,
  PendingHandoverBrief,
  Session,
} from '../../electron/contract/officer-schemas';
import { HandoverSummary, type Handover } from '../../electron/contract/shift-schemas';
import { memoryTokenKeeper } from './session-token';
import { watchUnauthenticated } from './watch-session';
import { fakeTransport, type FakeHandlers } from '../testing/fake-transport';
import { DEFAULT_SETTINGS } from '../../electron/contract/schemas';
import { createStationStore } from '../store/create-store';

const officer = (id: string, role: Officer['role'] = 'duty'): Officer => ({
  id,
  fullName: `Cán bộ ${id}`,
  rank: 'Đại úy',
  badgeNumber: id,
  role,
  active: true,
  createdAt: 0,
  lastSignInAt: null,
});

const session = (o: Officer, token: string, shiftId: string | null = `shift-${o.id}`): Session => ({
  token,
  officer: o,
  shiftId,
  shiftStartedAt: shiftId ? 1000 : null,
  locked: false,
  signedInAt: 1000,
});

const pendingFrom = (o: Officer): PendingHandoverBrief => ({
  id: `h-${o.id}`,
  outgoing: { id: o.id, fullName: o.fullName, rank: o.rank, role: o.role },
  shiftStartedAt: 0,
  shiftEndedAt: 500,
});

/** A handover as main records it, with nothing to report. */
const handoverOf = (brief: PendingHandoverBrief): Handover => ({
  ...brief,
  shiftId: `shift-${brief.outgoing.id}`,
  endReason: 'handover',
  // A quiet shift: every list of the summary empty.
  summary: HandoverSummary.parse({
    fromMs: brief.shiftStartedAt,
    toMs: brief.shiftEndedAt,
    ...Object.fromEntries(
      Object.entries(HandoverSummary.shape).flatMap(([k, v]) =>
        v instanceof z.ZodArray ? [[k, []]] : [],
      ),
    ),
  }),
  outgoingNotes: '',
  createdAt: brief.shiftEndedAt,
  incoming: null,
  incomingNote: null,
  acknowledgedAt: null,
  contentHash: null,
});

/**
 * main as far as sessions go: tokens live in `live`; the connection's binding is
 * `bound`, lost on a reconnect. The store under test is real.
 */
function backend(opts: { setupRequired?: boolean; pending?: PendingHandoverBrief[] } = {}) {
  const live = new Map<string, Session>();
  let bound: string | null = null;
  let setupRequired = opts.setupRequired ?? false;
  let pending = opts.pending ?? [];
  const needSession = () => {
    const s = bound ? live.get(bound) : undefined;
    if (!s) throw new ApiError('unauthenticated', 'sign_in_required');
    return s;
  };
  const open = (s: Session) => {
    live.set(s.token, s);
    bound = s.token;
    return s;
  };
  const handlers: FakeHandlers = {
    'auth.state': () => ({
      stationName: '',
      setupRequired,
      officers: [],
      session: bound ? (live.get(bound) ?? null) : null,
      pendingHandovers: pending,
    }),
    'auth.setup': () => {
      setupRequired = false;
      return open(session(officer('admin', 'commander'), 'token-admin-0000000'));
    },
    'auth.signIn': (p) => {
      if (p.password !== 'đúng-mật-khẩu') throw new ApiError('forbidden', 'bad_password');
      const role = p.officerId.startsWith('chief') ? 'commander' : 'duty';
      return open(
        session(
          officer(p.officerId, role),
          `token-${p.officerId}-00000000`,
          role === 'commander' ? null : `shift-${p.officerId}`,
        ),
      );
    },
    'auth.resume': (p) => {
      const s = live.get(p.token);
      if (!s) throw new ApiError('unauthenticated', 'session_expired');
      bound = p.token;
      return s;
    },
    'auth.signOut': () => {
      const s = needSession();
      live.delete(s.token);
      bound = null;
      return { ok: true as const };
    },
    'auth.lock': () => {
      const s = needSession();
      const locked = { ...s, locked: true };
      live.set(s.token, locked);
      return locked;
    },
    'auth.unlock': (p) => {
      const s = needSession();
      if (p.password !== 'đúng-mật-khẩu') throw new ApiError('forbidden', 'bad_password');
      const open2 = { ...s, locked: false };
      live.set(s.token, open2);
      return open2;
    },
    'shift.end': () => {
      const s = needSession();
      live.delete(s.token);
      bound = null;
      pending = [...pending, pendingFrom(s.officer)];
      return handoverOf(pendingFrom(s.officer));
    },
    'shift.acknowledge': (p) => {
      const s = needSession();
      const brief = pending.find((h) => h.id === p.id);
      if (!brief) throw new ApiError('not_found', 'handover_not_found');
      pending = pending.filter((h) => h.id !== p.id);
      return { ...handoverOf(brief), incoming: s.officer, acknowledgedAt: 600 };
    },
    'system.info': () => ({
      version: '0',
      mediaBaseUrl: 'http://127.0.0.1:1',
      mediaToken: 't',
      demoMode: true,
      dataDir: '/tmp',
      ffmpegPath: null,
      platform: 'linux',
    }),
    'settings.get': () => (needSession(), DEFAULT_SETTINGS),
    'camera.list': () => (needSession(), []),
    'camera.statuses': () => (needSession(), []),
    'camera.healths': () => (needSession(), []),
    'outage.open': () => (needSession(), []),
    'layout.list': () => (needSession(), []),
    'recording.statuses': () => (needSession(), []),
    'recording.cameras': () => (needSession(), []),
    'storage.summary': () => {
      needSession();
      throw new ApiError('not_found', 'not in this test');
    },
  };
  const transport = fakeTransport(handlers);
  return {
    api: createApi(transport),
    get calls() {
      return transport.calls.map((c) => c.channel);
    },
    live,
    reconnect: () => {
      bound = null;
    },
    endAll: () => live.clear(),
  };
}

function storeOn(b: ReturnType<typeof backend>, token: string | null = null) {
  const tokens = memoryTokenKeeper(token);
  let lost = () => undefined as void;
  const api = watchUnauthenticated(b.api, () => lost());
  const store = createStationStore(api, { tokens });
  lost = () => void store.getState().sessionLost();
  return { store, tokens };
}

describe('session gate', () => {
  it('shows first start on an empty station and signs the new administrator in', async () => {
    const b = backend({ setupRequired: true });
    const { store, tokens } = storeOn(b);
    await store.getState().startSession();
    expect(store.getState().authPhase).toBe('setup');
    expect(b.calls).not.toContain('camera.list');
    await store.getState().setupStation({
      fullName: 'Nguyễn Văn An',
      rank: 'Thiếu tá',
      badgeNumber: '123-456',
      password: 'đúng-mật-khẩu',
    });
    expect(store.getState().authPhase).toBe('signedIn');
    expect(store.getState().isCommander()).toBe(true);
    expect(tokens.get()).toBe('token-admin-0000000');
    expect(store.getState().ready).toBe(true);
  });

  it('runs no data call before a session, then resumes with the kept token after a reload', async () => {
    const b = backend();
    const first = storeOn(b);
    await first.store.getState().startSession();
    expect(first.store.getState().authPhase).toBe('signIn');
    expect(b.calls).toEqual(['auth.state']);
    await first.store.getState().signIn('duty1', 'đúng-mật-khẩu');
    const kept = first.tokens.get();
    expect(kept).toBe('token-duty1-00000000');

    b.reconnect(); // a reload opens a new connection
    const second = storeOn(b, kept);
    await second.store.getState().startSession();
    expect(second.store.getState().authPhase).toBe('signedIn');
    expect(second.store.getState().session?.officer.id).toBe('duty1');
    expect(second.store.getState().ready).toBe(true);
  });

  it('drops a stale token and shows sign-in', async () => {
    const b = backend();
    const { store, tokens } = storeOn(b, 'token-from-yesterday-000');
    await store.getState().startSession();
    expect(store.getState().authPhase).toBe('signIn');
    expect(tokens.get()).toBeNull();
  });

  it('a wrong password leaves the sign-in screen with the reason', async () => {
    const b = backend();
    const { store } = storeOn(b);
    await store.getState().startSession();
    await expect(store.getState().signIn('duty1', 'sai')).rejects.toMatchObject({
      code: 'forbidden',
      message: 'bad_password',
    });
    expect(store.getState().authPhase).toBe('signIn');
    expect(store.getState().session).toBeNull();
  });
});

describe('handover on sign-in', () => {
  it('offers another officer’s pending handover, not one’s own', async () => {
    const b = backend({ pending: [pendingFrom(officer('duty1'))] });
    const own = storeOn(b);
    await own.store.getState().startSession();
    await own.store.getState().signIn('duty1', 'đúng-mật-khẩu');
    expect(own.store.getState().dialog).toBeNull();

    const next = storeOn(b);
    await next.store.getState().startSession();
    await next.store.getState().signIn('duty2', 'đúng-mật-khẩu');
    expect(next.store.getState().dialog).toEqual({ type: 'handover', id: 'h-duty1' });
  });

  it('a commander supervising without a shift is not asked to take one over', async () => {
    const b = backend({ pending: [pendingFrom(officer('duty1'))] });
    const { store } = storeOn(b);
    await store.getState().startSession();
    await store.getState().signIn('chief1', 'đúng-mật-khẩu');
    expect(store.getState().session?.shiftId).toBeNull();
    expect(store.getState().dialog).toBeNull();
  });

  it('ending the shift ends the session and leaves the handover pending', async () => {
    const b = backend();
    const { store, tokens } = storeOn(b);
    await store.getState().startSession();
    await store.getState().signIn('duty1', 'đúng-mật-khẩu');
    await store.getState().endShift('Camera 3 mờ hình');
    expect(store.getState().authPhase).toBe('signIn');
    expect(store.getState().signInNotice).toBe('shiftEnded');
    expect(tokens.get()).toBeNull();
    await expect
      .poll(() => store.getState().authState?.pendingHandovers.map((h) => h.id) ?? [])
      .toEqual(['h-duty1']);
  });
});

describe('lost sessions and the lock', () => {
  it('an unauthenticated refusal resumes a session the connection merely forgot', async () => {
    const b = backend();
    const { store } = storeOn(b);
    await store.getState().startSession();
    await store.getState().signIn('duty1', 'đúng-mật-khẩu');
    b.reconnect();
    await expect(store.getState().load()).rejects.toMatchObject({ code: 'unauthenticated' });
    await expect.poll(() => b.calls.includes('auth.resume')).toBe(true);
    await expect(store.getState().load()).resolves.toBeUndefined();
    expect(store.getState().authPhase).toBe('signedIn');
  });

  it('a session ended elsewhere sends the console back to sign-in', async () => {
    const b = backend();
    const { store, tokens } = storeOn(b);
    await store.getState().startSession();
    await store.getState().signIn('duty1', 'đúng-mật-khẩu');
    b.endAll();
    await expect(store.getState().load()).rejects.toMatchObject({ code: 'unauthenticated' });
    await expect.poll(() => store.getState().authPhase).toBe('signIn');
    expect(store.getState().signInNotice).toBe('sessionExpired');
    expect(tokens.get()).toBeNull();
  });

  it('locks at once and unlocks only with the right password', async () => {
    const b = backend();
    const { store } = storeOn(b);
    await store.getState().startSession();
    await store.getState().signIn('duty1', 'đúng-mật-khẩu');
    const locking = store.getState().lockScreen();
    expect(store.getState().session?.locked).toBe(true); // before main answers
    await locking;
    await expect(store.getState().unlockScreen('sai')).rejects.toMatchObject({
      message: 'bad_password',
    });
    expect(store.getState().session?.locked).toBe(true);
    await store.getState().unlockScreen('đúng-mật-khẩu');
    expect(store.getState().session?.locked).toBe(false);
  });

  it('shows the lock screen when the core locked the session for idleness', async () => {
    const b = backend();
    const { store } = storeOn(b);
    await store.getState().startSession();
    await store.getState().signIn('duty1', 'đúng-mật-khẩu');
    const token = store.getState().session!.token;
    b.live.set(token, { ...b.live.get(token)!, locked: true }); // the core's idle lock
    await store.getState().refreshAuthState(); // what auth.changed triggers
    expect(store.getState().session?.locked).toBe(true);
    expect(store.getState().authPhase).toBe('signedIn');
  });

  it('a reload while locked stays locked', async () => {
    const b = backend();
    const first = storeOn(b);
    await first.store.getState().startSession();
    await first.store.getState().signIn('duty1', 'đúng-mật-khẩu');
    await first.store.getState().lockScreen();
    b.reconnect();
    const second = storeOn(b, first.tokens.get());
    await second.store.getState().startSession();
    expect(second.store.getState().session?.locked).toBe(true);
  });

  it('signing out forgets the token and does not resume', async () => {
    const b = backend();
    const { store, tokens } = storeOn(b);
    await store.getState().startSession();
    await store.getState().signIn('duty1', 'đúng-mật-khẩu');
    await store.getState().signOut();
    expect(store.getState().authPhase).toBe('signIn');
    expect(store.getState().signInNotice).toBe('signedOut');
    expect(tokens.get()).toBeNull();
    expect(b.live.size).toBe(0);
  });
});
