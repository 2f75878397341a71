import { describe, expect, it } from 'vitest';
import { parseStationDateTime } from '../../electron/contract/station-time';
import { exportFieldsOf, formForDraft, selectionKey, selectionOf } from './export-form';

const at = (text: string) => parseStationDateTime(text) ?? -1;
// A playback range set to the frame: not whole seconds.
const draft = {
  incidentId: null,
  cameraIds: ['c1', 'c2'],
  fromMs: at('05/06/2025 14:05:10') + 440,
  toMs: at('05/06/2025 14:07:00') + 80,
};

describe('the export form', () => {
  it('prefills the range in station time and keeps the draft’s exact instants if untouched', () => {
    const form = formForDraft(draft, '/media/a/USB');
    expect(form).toEqual({
      start: '05/06/2025 14:05:10',
      end: '05/06/2025 14:07:00',
      caseNumber: '',
      destination: '/media/a/USB',
    });
    const r = selectionOf({ ...form, caseNumber: '  125/CV-CSHS ' }, draft);
    expect(r).toEqual({
      ok: true,
      value: {
        incidentId: null,
        cameraIds: ['c1', 'c2'],
        fromMs: draft.fromMs,
        toMs: draft.toMs,
        destination: '/media/a/USB',
        caseNumber: '125/CV-CSHS',
      },
    });
  });

  it('takes an edited time to the second', () => {
    const form = { ...formForDraft(draft, '/media/a/USB'), end: '05/06/2025 14:30:00' };
    const r = selectionOf(form, draft);
    expect(r.ok && r.value.toMs).toBe(at('05/06/2025 14:30:00'));
    expect(r.ok && r.value.fromMs).toBe(draft.fromMs);
  });

  it('names the fields that are wrong, with the contract’s codes', () => {
    const base = formForDraft(draft, '/media/a/USB');
    expect(selectionOf({ ...base, start: '31/02/2025 10:00:00' }, draft)).toEqual({
      ok: false,
      fields: { start: 'invalid_time' },
    });
    expect(selectionOf({ ...base, end: '05/06/2025 14:00:00' }, draft)).toEqual({
      ok: false,
      fields: { end: 'range_end_before_start' },
    });
    expect(selectionOf({ ...base, end: '06/06/2025 14:05:11' }, draft)).toEqual({
      ok: false,
      fields: { end: 'range_too_long' },
    });
    expect(selectionOf({ ...base, destination: '   ' }, draft)).toEqual({
      ok: false,
      fields: { destination: 'destination_required' },
    });
    expect(selectionOf(base, { ...draft, cameraIds: [] })).toEqual({
      ok: false,
      fields: { cameraIds: 'cameras_required' },
    });
  });

  it('maps main’s field paths to the form’s names', () => {
    expect(exportFieldsOf({ toMs: 'range_too_long', 'cameraIds.1': 'x', other: 'y' })).toEqual({
      end: 'range_too_long',
      cameraIds: 'x',
    });
  });

  it('keys a selection by what the plan depends on', () => {
    const r = selectionOf(formForDraft(draft, '/media/a/USB'), draft);
    const s = r.ok ? r.value : null;
    expect(s).not.toBeNull();
    if (!s) return;
    expect(selectionKey(s)).toBe(selectionKey({ ...s }));
    expect(selectionKey(s)).not.toBe(selectionKey({ ...s, destination: '/media/a/USB2' }));
    expect(selectionKey(s)).not.toBe(selectionKey({ ...s, toMs: s.toMs + 1 }));
  });
});
