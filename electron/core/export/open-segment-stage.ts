// The segment being recorded can be exported up to its last complete fragment.
// ffmpeg must not read the file ffmpeg is still writing (it would read a half-
// written fragment, or stop at a moment that moves): the complete prefix is
// copied into the export's staging folder first and the clip reads the copy.
// The prefix is a valid fragmented MP4 on its own (init segment + whole fragments).
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { ClipPlan } from './clip-plan';

/** Copies the first `bytes` bytes of `src` to `dest`. */
export async function copyPrefix(src: string, dest: string, bytes: number): Promise<void> {
  await pipeline(createReadStream(src, { start: 0, end: bytes - 1 }), createWriteStream(dest));
}

/**
 * A plan whose open segments (`openBytes` set) read staged copies of their complete
 * prefix in `stagingDir` instead of the file being written. Rejects with ENOENT when
 * an open file was filed meanwhile (the caller plans again: it is then an index row).
 */
export async function stageOpenSegments(plan: ClipPlan, stagingDir: string): Promise<ClipPlan> {
  if (!plan.segments.some((s) => s.openBytes !== undefined)) return plan;
  await mkdir(stagingDir, { recursive: true });
  const segments = [];
  for (const s of plan.segments) {
    if (s.openBytes === undefined) {
      segments.push(s);
      continue;
    }
    const copy = join(stagingDir, `open-${s.id}.mp4`);
    await copyPrefix(s.path, copy, s.openBytes);
    const { openBytes: _staged, ...rest } = s;
    segments.push({ ...rest, path: copy });
  }
  return { ...plan, segments };
}
