import { describe, expect, it } from 'vitest';
import { createApi } from '../../electron/contract/api';
import { ApiError } from '../../electron/contract/errors';
import type { Incident } from '../../electron/contract/incident-schemas';
import { bookmarkCameras, canBookmark } from './bookmark';
import { fakeTransport } from '../testing/fake-transport';
import { createStationStore } from '../store/create-store';

const officer = { id: 'o1', fullName: 'Nguyễn Văn An', rank: 'Thượng úy', role: 'duty' as const };

function incident(n: number, patch: Partial<Incident> = {}): Incident {
  return {
    id: `i${n}`,
    code: `2026-${String(n).padStart(4, '0')}`,
    category: 'theft',
    severity: 'medium',
    status: 'new',
    location: 'Chợ phường',
    description: 'Mất xe máy',
    occurredAt: 1000 * n,
    startMs: 0,
    endMs: 1000,
    cameras: [{ id: 'c1', name: 'Cổng chợ' }],
    createdBy: officer,
    shiftId: null,
    createdAt: 0,
    updatedAt: 0,
    version: 1,
    locked: true,
    snapshots: [],
    ...patch,
  };
}

/** The real store and api object over a scripted main; requests are validated by the contract. */
function setup(opts: { total?: number; failSnapshot?: number } = {}) {
  const total = opts.total ?? 120;
  const all = Array.from({ length: total }, (_, i) => incident(total - i));
  let snapshots = 0;
  const transport = fakeTransport({
    'incident.list': async (p) => {
      // An unfiltered list is slow, so a filtered query sent after it answers first.
      if (!p.status) await new Promise((r) => setTimeout(r, 20));
      return {
        items: all
          .filter((i) => !p.status || i.status === p.status)
          .slice(p.offset, p.offset + p.limit),
        total: all.filter((i) => !p.status || i.status === p.status).length,
      };
    },
    'incident.create': () => incident(999),
    'incident.addSnapshot': (p) => {
      snapshots++;
      if (snapshots === opts.failSnapshot) throw new ApiError('internal', 'disk');
      return incident(999, { id: p.incidentId, version: 1 + snapshots });
    },
    'incident.update': (p) => {
      if (p.version !== 1) throw new ApiError('conflict', 'stale_version');
      return incident(1, { status: 'in_progress', version: 2 });
    },
    'incident.get': (p) => ({
      incident: incident(Number(p.id.slice(1))),
      history: [],
    }),
  });
  const store = createStationStore(createApi(transport));
  return { store, calls: transport.calls };
}

const snap = (cameraId: string) => ({
  cameraId,
  takenAt: 5,
  mime: 'image/jpeg' as const,
  dataBase64: 'A'.repeat(200),
});

describe('tile selection', () => {
  it('selects one tile, toggles more with a modifier, and forgets cameras off screen', () => {
    const { store } = setup();
    const s = () => store.getState();
    s().selectTile('c1', false);
    s().selectTile('c2', true);
    s().selectTile('c3', true);
    s().selectTile('c2', true);
    expect(s().selectedCameraIds).toEqual(['c1', 'c3']);
    s().selectTile('c2', false);
    expect(s().selectedCameraIds).toEqual(['c2']);
    s().selectTile('c4', true);
    s().keepSelection(['c4', 'c9']);
    expect(s().selectedCameraIds).toEqual(['c4']);
    s().clearSelection();
    expect(s().selectedCameraIds).toEqual([]);
  });

  it('bookmarks the single view camera, else the selected cameras that still exist', () => {
    const { store } = setup();
    const cam = (id: string) => ({
      id,
      name: id,
      location: '',
      group: '',
      source: 'demo' as const,
      mainUrl: 'demo://1',
      subUrl: null,
      username: null,
      hasPassword: false,
      recorderId: null,
      channel: null,
      enabled: true,
      createdAt: 0,
    });
    store.setState({ cameras: [cam('c1'), cam('c2')], selectedCameraIds: ['c2', 'gone', 'c1'] });
    expect(bookmarkCameras(store.getState())).toEqual(['c2', 'c1']);
    store.setState({ singleCameraId: 'c1' });
    expect(bookmarkCameras(store.getState())).toEqual(['c1']);
  });

  it('allows F2 only for an unlocked session with no dialog open', () => {
    const { store } = setup();
    const session = {
      token: 't'.repeat(20),
      officer: { ...officer, badgeNumber: '1', active: true, createdAt: 0, lastSignInAt: null },
      shiftId: 's1',
      shiftStartedAt: 0,
      locked: false,
      signedInAt: 0,
    };
    expect(canBookmark(store.getState())).toBe(false); // not loaded, nobody signed in
    store.setState({ ready: true, session });
    expect(canBookmark(store.getState())).toBe(true);
    store.setState({ session: { ...session, locked: true } });
    expect(canBookmark(store.getState())).toBe(false);
    store.setState({ session, dialog: { type: 'settings' } });
    expect(canBookmark(store.getState())).toBe(false);
    store.setState({ dialog: null });
    store.getState().openBookmark({ atMs: 1, cameraIds: [], snapshots: [] });
    expect(canBookmark(store.getState())).toBe(false);
  });
});

describe('creating an incident', () => {
  it('files each snapshot after the incident and counts the ones that failed', async () => {
    const { store, calls } = setup({ failSnapshot: 2 });
    const result = await store.getState().createIncident(
      {
        category: 'theft',
        severity: 'high',
        location: 'Chợ',
        description: 'Mất xe',
        occurredAt: 5,
        startMs: 0,
        endMs: 10,
        cameraIds: ['c1', 'c2', 'c3'],
      },
      [snap('c1'), snap('c2'), snap('c3')],
    );
    expect(calls.map((c) => c.channel)).toEqual([
      'incident.create',
      'incident.addSnapshot',
      'incident.addSnapshot',
      'incident.addSnapshot',
    ]);
    expect(calls[1]?.payload).toMatchObject({ incidentId: 'i999', cameraId: 'c1', takenAt: 5 });
    expect(result.failedSnapshots).toBe(1);
    // The last snapshot that was filed carries the newest version.
    expect(result.incident.version).toBe(4);
  });
});

describe('the incident log', () => {
  it('pages with "Xem thêm" and refreshes what is shown', async () => {
    const { store, calls } = setup({ total: 120 });
    const s = () => store.getState();
    await s().loadIncidents('replace');
    expect(s().incidentList).toMatchObject({ total: 120, loaded: true, loading: false });
    expect(s().incidentList.items).toHaveLength(50);
    await s().loadIncidents('more');
    await s().loadIncidents('more');
    expect(s().incidentList.items).toHaveLength(120);
    expect(new Set(s().incidentList.items.map((i) => i.id)).size).toBe(120);
    await s().loadIncidents('refresh');
    expect(calls.at(-1)?.payload).toEqual({ offset: 0, limit: 120 });
    expect(s().incidentList.items).toHaveLength(120);
  });

  it('applies the filter and drops an answer overtaken by a newer query', async () => {
    const { store } = setup({ total: 10 });
    const s = () => store.getState();
    const first = s().loadIncidents('replace');
    s().setIncidentFilter({ status: 'closed' });
    const second = s().loadIncidents('replace');
    await Promise.all([first, second]);
    expect(s().incidentList).toMatchObject({ total: 0, items: [] });
  });

  it('reports an unreadable date instead of querying with it', async () => {
    const { store, calls } = setup({ total: 3 });
    store.getState().setIncidentFilter({ from: '31/02/2026' });
    await store.getState().loadIncidents('replace');
    expect(store.getState().incidentList.issues).toEqual({ from: 'invalid_date' });
    expect(calls.at(-1)?.payload).toEqual({ offset: 0, limit: 50 });
  });

  it('puts a changed incident into the list and the open detail', async () => {
    const { store } = setup({ total: 3 });
    const s = () => store.getState();
    await s().loadIncidents('replace');
    await s().openIncident('i2');
    s().applyIncidentChange(incident(2, { status: 'closed', version: 5 }));
    expect(s().incidentList.items.find((i) => i.id === 'i2')?.status).toBe('closed');
    expect(s().incidentDetail?.incident.status).toBe('closed');
    // An older copy arriving late does not overwrite the newer one.
    s().applyIncidentChange(incident(2, { status: 'new', version: 3 }));
    expect(s().incidentList.items.find((i) => i.id === 'i2')?.status).toBe('closed');
  });

  it('passes stale_version through as a conflict', async () => {
    const { store } = setup();
    await expect(
      store.getState().setIncidentStatus(incident(1, { version: 7 }), 'closed'),
    ).rejects.toMatchObject({ code: 'conflict' });
    const saved = await store.getState().setIncidentStatus(incident(1), 'in_progress');
    expect(saved).toMatchObject({ status: 'in_progress', version: 2 });
  });
});
