import { describe, expect, it, vi } from 'vitest';
import { createApi } from '../../electron/contract/api';
import type { ExportProgress, ExportRecord } from '../../electron/contract/export-schemas';
import { fakeTransport } from '../testing/fake-transport';
import { createStationStore } from '../store/create-store';

const officer = { id: 'o1', fullName: 'Nguyễn Văn An', rank: 'Thượng úy', role: 'duty' as const };

function record(id: string, patch: Partial<ExportRecord> = {}): ExportRecord {
  return {
    id,
    status: 'running',
    incidentId: 'i1',
    incidentCode: '2026-0001',
    caseNumber: '',
    cameras: [{ id: 'c1', name: 'Cổng chợ' }],
    fromMs: 1_000,
    toMs: 61_000,
    destination: '/media/canbo/USB',
    folderName: 'VV-2026-0001',
    officer,
    startedAt: 5_000,
    finishedAt: null,
    bytes: 0,
    files: [],
    manifestSha256: null,
    errorCode: null,
    ...patch,
  };
}

function progress(id: string, done: number): ExportProgress {
  return {
    id,
    phase: 'video',
    currentFile: 'video/CAM01.mp4',
    filesDone: 0,
    filesTotal: 6,
    done,
    total: 1000,
    etaSec: 30,
  };
}

const selection = {
  incidentId: 'i1',
  cameraIds: ['c1'],
  fromMs: 1_000,
  toMs: 61_000,
  destination: '/media/canbo/USB',
};

/** The real store and api over a scripted main; requests are checked against the contract. */
function setup(
  opts: { stored?: ExportRecord[]; beforeStartAnswer?: () => void; slowIncident?: string } = {},
) {
  const stored = opts.stored ?? [];
  const transport = fakeTransport({
    'export.start': () => {
      opts.beforeStartAnswer?.();
      return record('e1');
    },
    'export.cancel': (p) => record(p.id, { status: 'cancelled', finishedAt: 9_000 }),
    'export.list': async (p) => {
      if (opts.slowIncident && p.incidentId === opts.slowIncident)
        await new Promise((r) => setTimeout(r, 20));
      return stored.filter((r) => !p.incidentId || r.incidentId === p.incidentId).slice(0, p.limit);
    },
  });
  const store = createStationStore(createApi(transport));
  return { store, calls: transport.calls, stored };
}

describe('the export dialog draft', () => {
  it('opens with a copy of the draft and closes', () => {
    const { store } = setup();
    const cameraIds = ['c1', 'c2'];
    store.getState().openExportDialog({ incidentId: null, cameraIds, fromMs: 10, toMs: 20 });
    cameraIds.push('c3');
    expect(store.getState().exportDraft).toEqual({
      incidentId: null,
      cameraIds: ['c1', 'c2'],
      fromMs: 10,
      toMs: 20,
    });
    store.getState().closeExportDialog();
    expect(store.getState().exportDraft).toBeNull();
  });
});

describe('a running export', () => {
  it('hands the dialog over to the running export, takes progress, then the outcome', async () => {
    const { store, calls } = setup();
    const s = () => store.getState();
    s().openExportDialog({ incidentId: 'i1', cameraIds: ['c1'], fromMs: 1_000, toMs: 61_000 });
    await s().startExport(selection);
    expect(calls[0]).toMatchObject({ channel: 'export.start', payload: selection });
    expect(s().exportDraft).toBeNull();
    expect(s().exportRunning?.id).toBe('e1');
    s().applyExportProgress(progress('e1', 400));
    // Another window's export does not overwrite ours.
    s().applyExportProgress(progress('other', 900));
    expect(s().exportProgress?.done).toBe(400);
    const done = record('e1', { status: 'complete', finishedAt: 9_000, bytes: 1234 });
    s().applyExportChange(done);
    expect(s().exportRunning).toBeNull();
    expect(s().exportProgress).toBeNull();
    expect(s().exportOutcome).toEqual(done);
    // A progress event that was still in flight does not bring the bar back.
    s().applyExportProgress(progress('e1', 1000));
    expect(s().exportProgress).toBeNull();
    s().dismissExportOutcome();
    expect(s().exportOutcome).toBeNull();
  });

  it('does not revive an export that ended before the start call answered', async () => {
    // The failure event arrives while main's answer to the start call is on its way.
    const early: { store?: ReturnType<typeof setup>['store'] } = {};
    const { store } = setup({
      beforeStartAnswer: () =>
        early.store
          ?.getState()
          .applyExportChange(record('e1', { status: 'failed', errorCode: 'destination_missing' })),
    });
    early.store = store;
    const answer = await store.getState().startExport(selection);
    expect(answer.status).toBe('running');
    expect(store.getState().exportRunning).toBeNull();
    expect(store.getState().exportOutcome?.errorCode).toBe('destination_missing');
  });

  it('keeps the dialog open when main refuses to start', async () => {
    const { store } = setup();
    const s = () => store.getState();
    s().openExportDialog({ incidentId: 'i1', cameraIds: ['c1'], fromMs: 1_000, toMs: 61_000 });
    // An invalid selection never reaches a handler: the contract rejects it.
    await expect(s().startExport({ ...selection, toMs: 500 })).rejects.toThrow();
    expect(s().exportDraft).not.toBeNull();
    expect(s().exportRunning).toBeNull();
  });

  it('cancels the running export and shows the cancelled outcome', async () => {
    const { store, calls } = setup();
    const s = () => store.getState();
    await s().startExport(selection);
    await s().cancelExport();
    expect(calls.at(-1)).toEqual({ channel: 'export.cancel', payload: { id: 'e1' } });
    expect(s().exportRunning).toBeNull();
    expect(s().exportOutcome?.status).toBe('cancelled');
    // Nothing running: cancelling again asks nothing.
    await s().cancelExport();
    expect(calls.filter((c) => c.channel === 'export.cancel')).toHaveLength(1);
  });

  it('the end of another export leaves ours running', async () => {
    const { store } = setup();
    const s = () => store.getState();
    await s().startExport(selection);
    s().applyExportChange(record('e2', { status: 'complete' }));
    expect(s().exportRunning?.id).toBe('e1');
    expect(s().exportOutcome).toBeNull();
  });

  it('picks up an export still running in main after a reload', async () => {
    const { store } = setup({
      stored: [record('e9', { status: 'running' }), record('e8', { status: 'complete' })],
    });
    await store.getState().resumeRunningExport();
    expect(store.getState().exportRunning?.id).toBe('e9');
  });
});

describe("an incident's exports", () => {
  it('lists them and reloads when one of them changes', async () => {
    const stored = [
      record('e1', { status: 'complete', incidentId: 'i1' }),
      record('e2', { status: 'failed', incidentId: 'i2' }),
    ];
    const { store, calls } = setup({ stored });
    const s = () => store.getState();
    await s().loadIncidentExports('i1');
    expect(s().incidentExports).toMatchObject({ incidentId: 'i1', loaded: true, error: null });
    expect(s().incidentExports.items.map((r) => r.id)).toEqual(['e1']);

    stored.unshift(record('e3', { status: 'running', incidentId: 'i1' }));
    s().applyExportChange(stored[0]!);
    // The list reloads in the background: polled, bounded.
    await vi.waitFor(() =>
      expect(s().incidentExports.items.map((r) => r.id)).toEqual(['e3', 'e1']),
    );

    // An export of another incident does not reload this list.
    const before = calls.length;
    s().applyExportChange(record('e4', { status: 'running', incidentId: 'i2' }));
    expect(calls.length).toBe(before);

    await s().loadIncidentExports(null);
    expect(s().incidentExports).toMatchObject({ incidentId: null, items: [], loaded: false });
  });

  it('keeps the answer of the newest request only', async () => {
    const { store } = setup({
      stored: [record('a', { incidentId: 'i1' }), record('b', { incidentId: 'i2' })],
      // The first request answers last.
      slowIncident: 'i1',
    });
    const s = () => store.getState();
    const first = s().loadIncidentExports('i1');
    const second = s().loadIncidentExports('i2');
    await Promise.all([first, second]);
    expect(s().incidentExports.incidentId).toBe('i2');
    expect(s().incidentExports.items.map((r) => r.id)).toEqual(['b']);
  });
});
