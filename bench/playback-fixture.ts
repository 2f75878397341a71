// Seeds a station data folder with days of indexed footage for the playback
// benchmark, without recording for days: one real 60 s H.264 fMP4 segment (made
// by ffmpeg with the recorder's own muxer flags) is hard-linked once per minute per
// camera, and each link is indexed exactly as the recorder indexes a segment, with
// the keyframe index the filer stores (scanFmp4 of the segment, recording_keyframes).
// The cameras point at a closed port and have recording switched off, so the
// station under test spends its CPU on playback only.
import { execFileSync } from 'node:child_process';
import { copyFileSync, linkSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { openStationDb } from '../electron/core/db/open-station-db';
import { scanFmp4 } from '../electron/core/recording/fmp4-scan';
import { encodeKeyframes, keyframeIndexOf } from '../electron/core/recording/keyframe-index';
import { encodeSecondBytes } from '../electron/core/recording/second-bytes';
import { absPath, segmentRelPath } from '../electron/core/storage/storage-layout';

export const SEGMENT_MS = 60_000;

export interface SeedOptions {
  dataDir: string;
  cameraIds: string[];
  fromMs: number;
  toMs: number;
  /** Minutes without footage every hour (a gap at the top of each hour), to exercise gaps. */
  gapMinutesPerHour?: number;
  /** Seconds between keyframes (default 1). */
  gopSeconds?: number;
  ffmpeg?: string;
}

/** One 60 s 640×360 25 fps H.264 segment (GOP `gopSeconds`, 1 s fragments) with the time burned in. */
export function makeBaseSegment(file: string, ffmpeg = '/usr/bin/ffmpeg', gopSeconds = 1): void {
  execFileSync(
    ffmpeg,
    [
      '-hide_banner',
      '-loglevel',
      'error',
      '-y',
      '-f',
      'lavfi',
      '-i',
      "testsrc2=size=640x360:rate=25,drawtext=fontfile=/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf:text='%{pts\\:hms}':x=20:y=20:fontsize=36:fontcolor=white:box=1:boxcolor=black",
      '-t',
      '60',
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-g',
      String(25 * gopSeconds),
      '-pix_fmt',
      'yuv420p',
      '-movflags',
      '+frag_keyframe+empty_moov+default_base_moof',
      '-frag_duration',
      '1000000',
      file,
    ],
    { stdio: 'inherit' },
  );
}

export async function seedFootage(
  o: SeedOptions,
): Promise<{ segments: number; keyframes: number }> {
  const root = path.join(o.dataDir, 'recordings');
  mkdirSync(root, { recursive: true });
  const base = path.join(o.dataDir, 'bench-base.mp4');
  makeBaseSegment(base, o.ffmpeg, o.gopSeconds);
  const bytes = statSync(base).size;
  // Every segment is a link of this one file: one scan indexes them all.
  const index = keyframeIndexOf(await scanFmp4(base));
  const entries = index ? encodeKeyframes(index) : null;
  const perSecond = encodeSecondBytes(Array.from({ length: 60 }, () => bytes / 60));
  const db = await openStationDb(o.dataDir);
  let segments = 0;
  // A file system caps links per inode (ext4: 65 000): start a fresh copy well before.
  let source = base;
  let links = 0;
  const nextLink = (abs: string) => {
    if (++links % 50_000 === 0) {
      source = `${base}.${links}`;
      copyFileSync(base, source);
    }
    linkSync(source, abs);
  };
  try {
    const now = Date.now();
    await db.run(
      'INSERT INTO storage_roots (path, added_at, active) VALUES (?, ?, 1) ON CONFLICT (path) DO UPDATE SET active = 1',
      [root, now],
    );
    const rootId = (await db.get<{ id: number }>('SELECT id FROM storage_roots WHERE path = ?', [
      root,
    ]))!.id;
    for (const [i, cameraId] of o.cameraIds.entries()) {
      await db.run(
        `INSERT INTO cameras (id, name, location, source, main_url, created_at)
         VALUES (?, ?, ?, 'rtsp', 'rtsp://127.0.0.1:9/none', ?)`,
        [cameraId, `Camera ${i + 1}`, `Vị trí ${i + 1}`, now],
      );
      await db.run(
        'INSERT INTO recording_cameras (camera_id, enabled, stream, updated_at) VALUES (?, 0, ?, ?)',
        [cameraId, 'main', now],
      );
      await db.transaction(async (tx) => {
        let seq = 0;
        for (let t = o.fromMs; t + SEGMENT_MS <= o.toMs; t += SEGMENT_MS) {
          const minuteOfHour = Math.floor((t % 3_600_000) / 60_000);
          if (minuteOfHour < (o.gapMinutesPerHour ?? 0)) continue;
          const rel = segmentRelPath(cameraId, 'main', t, 'bench', seq);
          const abs = absPath(root, rel);
          mkdirSync(path.dirname(abs), { recursive: true });
          nextLink(abs);
          const row = await tx.run(
            `INSERT INTO recordings (camera_id, stream, start_ms, end_ms, bytes, path, status, codec,
               run_id, seq, second_bytes, indexed_at, root_id)
             VALUES (?, 'main', ?, ?, ?, ?, 'complete', 'avc1', 'bench', ?, ?, ?, ?)`,
            [cameraId, t, t + SEGMENT_MS, bytes, rel, seq, perSecond, now, rootId],
          );
          if (index && entries)
            await tx.run(
              'INSERT INTO recording_keyframes (recording_id, init_end, entries) VALUES (?, ?, ?)',
              [row.lastId, index.initEnd, entries],
            );
          seq++;
          segments++;
        }
      });
    }
  } finally {
    await db.close();
  }
  return { segments, keyframes: index && entries ? segments : 0 };
}
