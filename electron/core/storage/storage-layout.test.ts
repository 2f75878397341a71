import { describe, expect, it } from 'vitest';
import {
  cameraDirName,
  cameraIdFromDirName,
  fileStamp,
  parseFileStamp,
  parseInboxFileName,
  parseSegmentFileName,
  segmentRelPath,
} from './storage-layout';

describe('storage layout', () => {
  it('files a segment under <camera>/<yyyy-mm-dd>/<hh>/ in UTC with a sortable ms stamp', () => {
    const t = Date.UTC(2026, 10, 27, 23, 59, 58, 7);
    expect(segmentRelPath('cam-1', 'main', t, 'abc123', 42)).toBe(
      'cam-1/2026-11-27/23/20261127T235958007Z_main_abc123-000042.mp4',
    );
    expect(parseFileStamp(fileStamp(t))).toBe(t);
  });

  it('round-trips a segment file name', () => {
    const t = Date.UTC(2027, 0, 1, 0, 0, 0, 0);
    const name = segmentRelPath('c', 'sub', t, 'r9', 7).split('/').pop()!;
    expect(parseSegmentFileName(name)).toEqual({ startMs: t, stream: 'sub', runId: 'r9', seq: 7 });
    expect(parseSegmentFileName('holiday.mp4')).toBeNull();
    expect(parseInboxFileName('r9-000007.mp4')).toEqual({ runId: 'r9', seq: 7 });
  });

  it('never gives two segments the same name when the clock repeats a time', () => {
    const t = Date.UTC(2026, 10, 27, 10, 0, 0, 0);
    // Same wall-clock start (clock stepped back), different runs or sequence numbers.
    const a = segmentRelPath('c', 'main', t, 'runa', 1);
    const b = segmentRelPath('c', 'main', t, 'runb', 1);
    const c = segmentRelPath('c', 'main', t, 'runa', 2);
    expect(new Set([a, b, c]).size).toBe(3);
  });

  it('encodes camera ids that are not safe folder names', () => {
    expect(cameraDirName('2f1c-Ab_9')).toBe('2f1c-Ab_9');
    const odd = 'cam/../x y';
    const dir = cameraDirName(odd);
    expect(dir).toMatch(/^x[0-9a-f]+$/);
    expect(cameraIdFromDirName(dir)).toBe(odd);
  });
});
