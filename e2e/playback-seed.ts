// Ward-like footage for playback tests at the product's defaults, without
// recording it in real time: ffmpeg makes minutes of 704×576, 12.5 fps H.264 with a
// 4 s GOP and the clock and frame number burned in, cut into segments by the
// recorder's own muxer flags (segmentMuxerArgs). The closed segments are placed
// where the recorder files them (<camera>/<day>/<hh>/<stamp>_main_<run>-<seq>.mp4);
// the station's reconciliation walk then indexes them like any footage it finds
// there (segment_indexed_late), start from the name and duration from the media.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { segmentMuxerArgs } from '../electron/core/recording/segment-args';
import { absPath, segmentRelPath } from '../electron/core/storage/storage-layout';

export const WARD_FPS = 12.5;
export const WARD_GOP_FRAMES = 50;

export interface SeededSegment {
  startMs: number;
  endMs: number;
  file: string;
}

export interface WardFootageOptions {
  /** The storage root (the station's `<dataDir>/recordings`). */
  root: string;
  cameraId: string;
  startMs: number;
  seconds: number;
  segmentSeconds: number;
  ffmpeg?: string;
}

export function seedWardFootage(o: WardFootageOptions): SeededSegment[] {
  const work = mkdtempSync(path.join(tmpdir(), 'ward-footage-'));
  const runId = `seed${o.startMs.toString(36)}`;
  const font = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
  const text = `fontfile=${font}:fontsize=40:fontcolor=white:box=1:boxcolor=black`;
  try {
    const out = execFileSync(
      o.ffmpeg ?? '/usr/bin/ffmpeg',
      [
        ...['-hide_banner', '-loglevel', 'error', '-nostdin', '-f', 'lavfi', '-i'],
        `testsrc2=size=704x576:rate=${WARD_FPS},` +
          `drawtext=${text}:x=20:y=20:text='%{pts\\:hms}',` +
          `drawtext=${text}:x=20:y=80:text='frame %{n}'`,
        ...['-t', String(o.seconds), '-c:v', 'libx264', '-preset', 'ultrafast'],
        ...['-g', String(WARD_GOP_FRAMES), '-keyint_min', String(WARD_GOP_FRAMES)],
        ...['-sc_threshold', '0', '-pix_fmt', 'yuv420p', '-b:v', '1M'],
        ...segmentMuxerArgs(o.segmentSeconds, path.join(work, `${runId}-%06d.mp4`)),
      ],
      { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
    );
    // The segment list lines (file,start,end in seconds of output time) among the progress blocks.
    const listed = out
      .split('\n')
      .map((l) => /^([a-z0-9]+-(\d+)\.mp4),([\d.]+),([\d.]+)$/.exec(l.trim()))
      .filter((m): m is RegExpExecArray => m !== null);
    return listed.map((m) => {
      const seq = Number(m[2]);
      const startMs = o.startMs + Math.round(Number(m[3]) * 1000);
      const endMs = o.startMs + Math.round(Number(m[4]) * 1000);
      const file = absPath(o.root, segmentRelPath(o.cameraId, 'main', startMs, runId, seq));
      mkdirSync(path.dirname(file), { recursive: true });
      renameSync(path.join(work, m[1]!), file);
      return { startMs, endMs, file };
    });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
