import { describe, expect, it } from 'vitest';
import { RecorderOutputParser } from './segment-list-parser';

describe('RecorderOutputParser', () => {
  it('reads segment-list CSV lines and progress lines split across chunks', () => {
    const p = new RecorderOutputParser();
    // Exactly what ffmpeg 5.1 writes with -segment_list pipe:1 -progress pipe:1.
    expect(p.push('frame=49\nout_time_us=1880078\nprogress=continue\nr1-0000')).toEqual([
      { kind: 'progress', outTimeUs: 1880078 },
    ]);
    expect(p.push('00.mp4,0.000000,4.960000\nout_time_us=N/A\n')).toEqual([
      { kind: 'segment', file: 'r1-000000.mp4', relStartS: 0, relEndS: 4.96 },
    ]);
  });
});
