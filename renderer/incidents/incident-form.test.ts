import { describe, expect, it } from 'vitest';
import type { Incident } from '../../electron/contract/incident-schemas';
import type { Camera } from '../../electron/contract/schemas';
import {
  createRequestOf,
  durationParts,
  formFieldsOf,
  formForBookmark,
  formForIncident,
  prefillRange,
  updateRequestOf,
} from './incident-form';

const camera = (id: string, name: string, location: string): Camera => ({
  id,
  name,
  location,
  group: '',
  source: 'demo',
  mainUrl: 'demo://1',
  subUrl: null,
  username: null,
  hasPassword: false,
  recorderId: null,
  channel: null,
  enabled: true,
  createdAt: 0,
});

const cameras = [camera('c1', 'Cổng chợ', 'Ngã tư Lê Lợi – Trần Phú'), camera('c2', 'Ngõ 12', '')];

// 14:30:00.750 in Vietnam.
const at = Date.UTC(2026, 2, 5, 7, 30, 0) + 750;

const incident: Incident = {
  id: 'i1',
  code: '2026-0001',
  category: 'theft',
  severity: 'medium',
  status: 'new',
  location: 'Cổng chợ',
  description: 'Mất xe máy',
  occurredAt: at,
  startMs: Date.UTC(2026, 2, 5, 7, 28, 0),
  endMs: Date.UTC(2026, 2, 5, 7, 31, 0),
  cameras: [{ id: 'c1', name: 'Cổng chợ' }],
  createdBy: { id: 'o1', fullName: 'Nguyễn Văn An', rank: 'Thượng úy', role: 'duty' },
  shiftId: 's1',
  createdAt: at,
  updatedAt: at,
  version: 3,
  locked: true,
  snapshots: [],
};

describe('range around the keystroke', () => {
  it('starts beforeSec earlier and ends afterSec later, on whole seconds', () => {
    expect(prefillRange(at, 120, 60)).toEqual({
      startMs: Date.UTC(2026, 2, 5, 7, 28, 0),
      endMs: Date.UTC(2026, 2, 5, 7, 31, 0),
    });
    expect(prefillRange(5_000, 3600, 1)).toEqual({ startMs: 0, endMs: 6_000 });
  });

  it('pre-fills the dialog in station time with the first camera’s location', () => {
    const form = formForBookmark({
      atMs: at,
      cameraIds: ['c1', 'c2'],
      cameras,
      beforeSec: 120,
      afterSec: 60,
    });
    expect(form).toMatchObject({
      cameraIds: ['c1', 'c2'],
      category: '',
      severity: 'medium',
      location: 'Ngã tư Lê Lợi – Trần Phú',
      start: '05/03/2026 14:28:00',
      end: '05/03/2026 14:31:00',
    });
    // No location: the camera's name; no camera: empty.
    expect(
      formForBookmark({ atMs: at, cameraIds: ['c2'], cameras, beforeSec: 0, afterSec: 1 }).location,
    ).toBe('Ngõ 12');
    expect(
      formForBookmark({ atMs: at, cameraIds: [], cameras, beforeSec: 0, afterSec: 1 }).location,
    ).toBe('');
  });
});

describe('create request', () => {
  const filled = {
    ...formForBookmark({ atMs: at, cameraIds: ['c1'], cameras, beforeSec: 120, afterSec: 60 }),
    category: 'snatching' as const,
    description: 'Hai đối tượng đi xe máy giật túi xách',
  };

  it('builds the contract input with the keystroke time', () => {
    const r = createRequestOf(filled, at);
    expect(r).toEqual({
      ok: true,
      value: {
        category: 'snatching',
        severity: 'medium',
        location: 'Ngã tư Lê Lợi – Trần Phú',
        description: 'Hai đối tượng đi xe máy giật túi xách',
        occurredAt: at,
        startMs: Date.UTC(2026, 2, 5, 7, 28, 0),
        endMs: Date.UTC(2026, 2, 5, 7, 31, 0),
        cameraIds: ['c1'],
      },
    });
  });

  it('names every missing or wrong field at once', () => {
    const r = createRequestOf(
      { ...filled, category: '', description: '  ', cameraIds: [], end: '05/03/2026 14:00:00' },
      at,
    );
    expect(r).toEqual({
      ok: false,
      fields: {
        category: 'category_required',
        description: 'required',
        cameraIds: 'camera_required',
        end: 'range_end_before_start',
      },
    });
    expect(createRequestOf({ ...filled, start: '31/02/2026 10:00' }, at)).toEqual({
      ok: false,
      fields: { start: 'invalid_time' },
    });
    expect(
      createRequestOf({ ...filled, start: '04/03/2026 14:00:00', end: '05/03/2026 14:00:01' }, at),
    ).toEqual({ ok: false, fields: { end: 'range_too_long' } });
  });

  it('maps main’s field paths onto the form', () => {
    expect(
      formFieldsOf({ 'cameraIds.1': 'unknown_camera', endMs: 'range_too_long', x: 'y' }),
    ).toEqual({
      cameraIds: 'unknown_camera',
      end: 'range_too_long',
    });
  });
});

describe('update request', () => {
  it('is null when nothing changed', () => {
    expect(updateRequestOf(formForIncident(incident), incident)).toEqual({ ok: true, value: null });
  });

  it('sends only what changed, with the version it edits', () => {
    const form = {
      ...formForIncident(incident),
      severity: 'high' as const,
      cameraIds: ['c1', 'c2'],
    };
    expect(updateRequestOf(form, incident)).toEqual({
      ok: true,
      value: { id: 'i1', version: 3, severity: 'high', cameraIds: ['c1', 'c2'] },
    });
  });

  it('sends both ends of the range when either moved', () => {
    const form = { ...formForIncident(incident), end: '05/03/2026 14:35:00' };
    expect(updateRequestOf(form, incident)).toEqual({
      ok: true,
      value: {
        id: 'i1',
        version: 3,
        startMs: incident.startMs,
        endMs: Date.UTC(2026, 2, 5, 7, 35, 0),
      },
    });
  });

  it('rejects an emptied description', () => {
    const form = { ...formForIncident(incident), description: '' };
    expect(updateRequestOf(form, incident)).toEqual({
      ok: false,
      fields: { description: 'required' },
    });
  });
});

it('splits a duration for the hint', () => {
  expect(durationParts(3 * 60_000)).toEqual({ h: 0, m: 3, s: 0 });
  expect(durationParts(3_723_400)).toEqual({ h: 1, m: 2, s: 3 });
});
