// Runs the core's ffmpeg tests against the ffmpeg the Windows package carries:
// the npm registry's ffmpeg-installer 4.1.0 (a December 2018 snapshot), here in
// its Linux build of the same era, with that package's ffprobe. Both are fetched
// once into .cache/ffmpeg-4.1/ (not in git). Needs the registry, so it is not
// part of `npm test`.
//
//   npm run test:ffmpeg41 [-- <test files…>]
//
// FFPROBE_PATH set by the caller is kept: the Windows package pairs this ffmpeg
// with a newer ffprobe (FFPROBE_PATH=/usr/bin/ffprobe tries that pairing).
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { npmPackFile } from './npm-pack-file.mjs';

const DIR = path.resolve('.cache', 'ffmpeg-4.1');
const SOURCES = [
  { file: 'ffmpeg', spec: '@ffmpeg-installer/linux-x64@4.1.0' },
  { file: 'ffprobe', spec: '@ffprobe-installer/linux-x64@4.1.0' },
];
/** The tests that run ffmpeg or ffprobe (recording, live view, probe, export, playback). */
const TESTS = [
  'electron/core/streams/ffmpeg-dialect.test.ts',
  'electron/core/streams/live-args.test.ts',
  'electron/core/streams/fmp4-splitter.test.ts',
  'electron/core/streams/ffmpeg-supervisor.test.ts',
  'electron/core/streams/live-hub.test.ts',
  'electron/core/cameras/probe.test.ts',
  'electron/core/recording/recording-service.test.ts',
  'electron/core/recording/power-cycling-camera.test.ts',
  'electron/core/export/remux-clip.test.ts',
  'electron/core/export/export-job.test.ts',
  'electron/core/export/open-segment-stage.test.ts',
  'electron/core/playback/transcode-route.test.ts',
  'electron/core/tamper/tamper-watch.test.ts',
  'electron/core/tamper/tamper-rig.test.ts',
];

if (process.platform !== 'linux' || process.arch !== 'x64') {
  console.error('test:ffmpeg41 runs the registry’s linux-x64 build: Linux x64 only');
  process.exit(2);
}

const manifestFile = path.join(DIR, 'SOURCE.json');
const manifest = existsSync(manifestFile) ? JSON.parse(readFileSync(manifestFile, 'utf8')) : {};
for (const { file, spec } of SOURCES) {
  const dest = path.join(DIR, file);
  if (existsSync(dest) && manifest[file]?.package === spec) continue;
  manifest[file] = npmPackFile(spec, file, dest);
  chmodSync(dest, 0o755);
  writeFileSync(manifestFile, JSON.stringify(manifest, null, 2) + '\n');
}

const env = {
  ...process.env,
  FFMPEG_PATH: path.join(DIR, 'ffmpeg'),
  FFPROBE_PATH: process.env.FFPROBE_PATH || path.join(DIR, 'ffprobe'),
};
for (const tool of [env.FFMPEG_PATH, env.FFPROBE_PATH]) {
  const out = execFileSync(tool, ['-version'], { encoding: 'utf8' });
  const lavf = /^libavformat\s+(\d+)\.\s*(\d+)/m.exec(out);
  console.log(`${tool}: ${out.split('\n')[0]} (libavformat ${lavf?.slice(1).join('.') ?? '?'})`);
}
// Arguments name test files (or pass vitest options); none: all of TESTS.
const args = process.argv.slice(2);
const named = args.some((a) => !a.startsWith('-'));
const r = spawnSync('npx', ['vitest', 'run', ...(named ? [] : TESTS), ...args], {
  env,
  stdio: 'inherit',
});
process.exit(r.status ?? 1);
