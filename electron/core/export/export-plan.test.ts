// The planner over small fakes of the services it reads (footage, cameras,
// incidents): what it asks of them, and the plan it builds from their answers.
// The same planner over the real services and SQLite is in export-service.test.ts.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ExportSelection } from '../../contract/export-schemas';
import { ExportDestinations } from './export-destinations';
import { ExportPlanner } from './export-plan';
import type { ExportSources, FootageFile, IncidentFacts } from './export-sources';

const T0 = Date.UTC(2026, 10, 27, 13, 0, 0);
const MIN = 60_000;
const HOUR = 60 * MIN;
const SEGMENT_BYTES = 3_000_000;

let dir: string;
let usb: string;
let calls: string[];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'export-plan-'));
  usb = mkdtempSync(join(tmpdir(), 'export-plan-usb-'));
  calls = [];
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(usb, { recursive: true, force: true });
});

/** One-minute H.264 segments of a camera from T0 for `hours`, with a 10-minute hole in the first hour. */
function minutes(cameraId: string, hours: number): FootageFile[] {
  const out: FootageFile[] = [];
  for (let m = 0; m < hours * 60; m++) {
    if (m >= 20 && m < 30) continue;
    out.push({
      id: out.length + 1,
      startMs: T0 + m * MIN,
      endMs: T0 + (m + 1) * MIN,
      bytes: SEGMENT_BYTES,
      codec: 'avc1.640028',
      path: join(dir, 'footage', cameraId, `${m}.mp4`),
    });
  }
  return out;
}

const INCIDENT: IncidentFacts = {
  id: 'inc-1',
  code: 'VV-2026-0007',
  category: 'theft',
  location: 'Số 12 Lê Lợi',
  description: 'Trộm xe máy',
  cameras: [
    { id: 'cam-00', name: 'Cổng trường (cũ)' },
    { id: 'cam-gone', name: 'Camera đã gỡ' },
  ],
  snapshots: [
    {
      cameraId: null,
      takenAt: T0 + MIN,
      path: '/data/snapshots/a.png',
      mime: 'image/png',
      bytes: 10,
    },
    {
      cameraId: 'cam-99',
      takenAt: T0 + 2 * MIN,
      path: '/data/snapshots/b.jpg',
      mime: 'image/jpeg',
      bytes: 20,
    },
    {
      cameraId: 'cam-01',
      takenAt: T0 + 3 * MIN,
      path: '/data/snapshots/c.jpg',
      mime: 'image/jpeg',
      bytes: 30,
    },
  ],
};

function sources(hours: number): ExportSources {
  return {
    footage: {
      segmentFiles: async (cameraId, fromMs, toMs) => {
        calls.push(`segmentFiles ${cameraId}`);
        return minutes(cameraId, hours).filter((s) => s.startMs < toMs && s.endMs > fromMs);
      },
      openSegment: async (cameraId) => {
        calls.push(`openSegment ${cameraId}`);
        return null;
      },
      storageRoots: async () => [{ path: join(dir, 'footage') }],
    },
    cameras: {
      lastKnownNames: async (ids) => {
        calls.push(`lastKnownNames ${ids.length}`);
        const registered = ids.filter((id) => id.startsWith('cam-') && id !== 'cam-gone');
        return new Map(
          registered.map((id) => [id, { name: `Camera ${id}`, location: `Nơi ${id}` }]),
        );
      },
    },
    incidents: {
      evidence: async (id) => {
        calls.push(`evidence ${id}`);
        return id === INCIDENT.id ? INCIDENT : null;
      },
      codesOf: async () => new Map(),
    },
    officers: {
      briefs: async () => new Map(),
      get: async () => ({ badgeNumber: '' }),
    },
  };
}

function planner(s: ExportSources, releaseDir?: string): ExportPlanner {
  return new ExportPlanner({
    ...(releaseDir ? { releaseDir } : {}),
    sources: s,
    destinations: new ExportDestinations({
      dataDir: dir,
      footage: s.footage,
      drives: async () => [],
      now: Date.now,
    }),
    dataDir: dir,
    space: async () => ({ totalBytes: 2e12, freeBytes: 1e12, fat: false }),
  });
}

describe('ExportPlanner', () => {
  it('plans 16 cameras over 6 hours with one footage query per camera and one for all their names', async () => {
    const cameraIds = Array.from({ length: 16 }, (_, i) => `cam-${String(i).padStart(2, '0')}`);
    const sel = ExportSelection.parse({
      cameraIds,
      fromMs: T0,
      toMs: T0 + 6 * HOUR,
      destination: usb,
    });

    const { plan, cameras } = await planner(sources(6)).prepare(sel);

    expect(calls.filter((c) => c.startsWith('segmentFiles'))).toEqual(
      cameraIds.map((id) => `segmentFiles ${id}`),
    );
    expect(calls.filter((c) => c.startsWith('lastKnownNames'))).toEqual(['lastKnownNames 16']);
    expect(calls.some((c) => c.startsWith('evidence'))).toBe(false);
    expect(plan.blocker).toBeNull();
    expect(plan.cameras).toHaveLength(16);
    expect(plan.cameras[3]).toEqual({
      cameraId: 'cam-03',
      name: 'Camera cam-03',
      location: 'Nơi cam-03',
      sourceBytes: 350 * SEGMENT_BYTES,
      recordedMs: 350 * MIN,
      missing: [{ startMs: T0 + 20 * MIN, endMs: T0 + 30 * MIN }],
    });
    expect(cameras.every((c) => c.clip.segments.length === 350)).toBe(true);
    // Footage grown by the remux, plus room for the reports and player page.
    expect(plan.neededBytes).toBe(Math.ceil(16 * 350 * SEGMENT_BYTES * 1.02) + 8 * 1024 * 1024);
  });

  it('names an incident export from the incident, keeps a removed camera its incident name, and takes its snapshots of the exported cameras', async () => {
    const sel = ExportSelection.parse({
      incidentId: 'inc-1',
      cameraIds: ['cam-00', 'cam-gone', 'cam-01'],
      fromMs: T0,
      toMs: T0 + 10 * MIN,
      destination: usb,
    });

    const prepared = await planner(sources(1)).prepare(sel);

    expect(prepared.incident).toEqual({
      id: 'inc-1',
      code: 'VV-2026-0007',
      category: 'Trộm cắp tài sản',
      location: 'Số 12 Lê Lợi',
      description: 'Trộm xe máy',
    });
    expect(prepared.cameras.map((c) => c.facts)).toEqual([
      { id: 'cam-00', name: 'Camera cam-00', location: 'Nơi cam-00' },
      { id: 'cam-gone', name: 'Camera đã gỡ', location: '' },
      { id: 'cam-01', name: 'Camera cam-01', location: 'Nơi cam-01' },
    ]);
    expect(prepared.snapshots).toEqual([
      {
        name: 'anh/anh-01.png',
        path: '/data/snapshots/a.png',
        cameraId: null,
        takenAtMs: T0 + MIN,
        bytes: 10,
      },
      {
        name: 'anh/anh-02.jpg',
        path: '/data/snapshots/c.jpg',
        cameraId: 'cam-01',
        takenAtMs: T0 + 3 * MIN,
        bytes: 30,
      },
    ]);
    expect(prepared.plan.folderName).toContain('VV-2026-0007');
  });

  it('refuses an unknown incident, and a destination inside a footage folder', async () => {
    const base = { cameraIds: ['cam-00'], fromMs: T0, toMs: T0 + 10 * MIN, destination: usb };
    await expect(
      planner(sources(1)).prepare(ExportSelection.parse({ ...base, incidentId: 'nope' })),
    ).rejects.toMatchObject({ code: 'not_found', message: 'incident_not_found' });

    const intoFootage = ExportSelection.parse({ ...base, destination: join(dir, 'footage') });
    const { plan } = await planner(sources(1)).prepare(intoFootage);
    expect(plan.blocker).toBe('destination_is_station_storage');
  });

  it('lets an export into the release folder of the data folder, and nowhere else in it', async () => {
    const release = join(dir, 'district-exports');
    mkdirSync(release, { recursive: true });
    mkdirSync(join(dir, 'other'), { recursive: true });
    const base = { cameraIds: ['cam-00'], fromMs: T0, toMs: T0 + 10 * MIN };
    const into = (destination: string) => ExportSelection.parse({ ...base, destination });
    expect((await planner(sources(1), release).prepare(into(release))).plan.blocker).toBeNull();
    expect((await planner(sources(1)).prepare(into(release))).plan.blocker).toBe(
      'destination_is_station_storage',
    );
    expect(
      (await planner(sources(1), release).prepare(into(join(dir, 'other')))).plan.blocker,
    ).toBe('destination_is_station_storage');
  });
});
