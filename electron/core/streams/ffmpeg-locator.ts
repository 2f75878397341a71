// Finds ffmpeg (and ffprobe beside it): the user's setting first, then the copy
// bundled with the app, then PATH. Missing → null, which callers report as 'ffmpeg_missing'.
import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';

export interface FfmpegPaths {
  ffmpeg: string;
  ffprobe: string;
  source: 'setting' | 'bundled' | 'path';
}

export interface LocateOptions {
  /** Settings.ffmpegPath; empty = automatic. May point at ffmpeg or at its folder. */
  setting?: string;
  /** e.g. <resources>/ffmpeg/<platform>; see bundledFfmpegDir(). */
  bundledDir?: string;
  platform?: NodeJS.Platform;
  env?: NodeJS.ProcessEnv;
}

function exe(name: string, platform: NodeJS.Platform): string {
  return platform === 'win32' ? `${name}.exe` : name;
}

function isExecutable(file: string, platform: NodeJS.Platform): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    // Windows has no execute bit; existence is the test there.
    if (platform !== 'win32') accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Where the packaged app keeps its ffmpeg: <resourcesPath>/ffmpeg/<platform>. */
export function bundledFfmpegDir(
  resourcesPath: string,
  platform: NodeJS.Platform = process.platform,
): string {
  return path.join(resourcesPath, 'ffmpeg', platform);
}

function inDir(dir: string, platform: NodeJS.Platform): { ffmpeg: string; ffprobe: string } | null {
  const ffmpeg = path.join(dir, exe('ffmpeg', platform));
  const ffprobe = path.join(dir, exe('ffprobe', platform));
  return isExecutable(ffmpeg, platform) && isExecutable(ffprobe, platform)
    ? { ffmpeg, ffprobe }
    : null;
}

export function locateFfmpeg(opts: LocateOptions = {}): FfmpegPaths | null {
  const platform = opts.platform ?? process.platform;
  const env = opts.env ?? process.env;
  const setting = opts.setting?.trim();
  if (setting) {
    // A setting names a file (…/ffmpeg) or the folder holding ffmpeg and ffprobe.
    const dir = isExecutable(setting, platform) ? path.dirname(setting) : setting;
    const found = inDir(dir, platform);
    if (found)
      return {
        ...found,
        ffmpeg: isExecutable(setting, platform) ? setting : found.ffmpeg,
        source: 'setting',
      };
    // A wrong setting must not silently fall back: the user should see it is wrong.
    return null;
  }
  if (opts.bundledDir) {
    const found = inDir(opts.bundledDir, platform);
    if (found) return { ...found, source: 'bundled' };
  }
  const pathVar = env.PATH ?? env.Path ?? '';
  for (const dir of pathVar.split(path.delimiter)) {
    if (!dir) continue;
    const found = inDir(dir, platform);
    if (found) return { ...found, source: 'path' };
  }
  return null;
}
