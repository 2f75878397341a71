// Which ffmpeg release a binary is, read once from `ffmpeg -version` (ffprobe too),
// so argument builders can spell the options that release understands
// (ffmpeg-dialect.ts). The Windows package carries the npm registry's ffmpeg 4.1.
import { execFile } from 'node:child_process';
import { statSync } from 'node:fs';

export interface FfmpegVersion {
  major: number;
  minor: number;
}

/** What the station is tested with (Debian 12); assumed when a binary does not say. */
export const DEFAULT_FFMPEG_VERSION: FfmpegVersion = { major: 5, minor: 1 };

export function atLeast(v: FfmpegVersion, major: number, minor: number): boolean {
  return v.major > major || (v.major === major && v.minor >= minor);
}

/**
 * libavformat's version at each ffmpeg release. Git snapshot builds (the npm
 * registry's: "ffmpeg version N-47683-g0e8eb07980-static") name no release, so
 * such a build counts as the last release whose libavformat it has reached.
 */
const RELEASE_LAVF: ReadonlyArray<readonly [FfmpegVersion, number, number]> = [
  [{ major: 4, minor: 0 }, 58, 12],
  [{ major: 4, minor: 1 }, 58, 20],
  [{ major: 4, minor: 2 }, 58, 29],
  [{ major: 4, minor: 3 }, 58, 45],
  [{ major: 4, minor: 4 }, 58, 76],
  [{ major: 5, minor: 0 }, 59, 16],
  [{ major: 5, minor: 1 }, 59, 27],
  [{ major: 6, minor: 0 }, 60, 3],
  [{ major: 6, minor: 1 }, 60, 16],
  [{ major: 7, minor: 0 }, 61, 1],
  [{ major: 7, minor: 1 }, 61, 7],
  [{ major: 8, minor: 0 }, 62, 3],
];

/** The release from `ffmpeg -version` / `ffprobe -version` output; null when it says neither. */
export function parseFfmpegVersion(text: string): FfmpegVersion | null {
  // "ffmpeg version 5.1.9-0+deb12u1", "ffmpeg version n4.1.4", "ffprobe version 4.1-static"
  const release = /^ff(?:mpeg|probe) version n?(\d+)\.(\d+)/m.exec(text);
  if (release) return { major: Number(release[1]), minor: Number(release[2]) };
  const lavf = /^libavformat\s+(\d+)\.\s*(\d+)\./m.exec(text);
  if (!lavf) return null;
  const [maj, min] = [Number(lavf[1]), Number(lavf[2])];
  let found: FfmpegVersion | null = null;
  for (const [v, lmaj, lmin] of RELEASE_LAVF) {
    if (maj > lmaj || (maj === lmaj && min >= lmin)) found = v;
  }
  // Each ffmpeg major so far has bumped libavformat's major (58 = 4.x … 62 = 8.x).
  return found && found.major === maj - 54 ? found : { major: maj - 54, minor: 0 };
}

const cache = new Map<string, Promise<FfmpegVersion>>();

/**
 * The version of the ffmpeg (or ffprobe) at `file`, asked once per binary: the
 * cache key includes its size and mtime, so a replaced binary is asked again.
 * A binary that does not answer counts as DEFAULT_FFMPEG_VERSION (its spawn
 * fails on its own, with the error the caller already reports).
 */
export function ffmpegVersionOf(file: string): Promise<FfmpegVersion> {
  let key = file;
  try {
    const s = statSync(file);
    key = `${file}\0${s.size}\0${s.mtimeMs}`;
  } catch {
    // A bare name found on PATH by spawn: keyed by the name.
  }
  let v = cache.get(key);
  if (!v) {
    v = new Promise((resolve) => {
      execFile(file, ['-version'], { timeout: 10_000, windowsHide: true }, (_err, stdout) => {
        resolve(parseFfmpegVersion(String(stdout ?? '')) ?? DEFAULT_FFMPEG_VERSION);
      });
    });
    cache.set(key, v);
  }
  return v;
}
