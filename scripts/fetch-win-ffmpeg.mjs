// Puts the Windows package's ffmpeg and ffprobe in resources/ffmpeg/win32/, from the
// npm registry: the ffmpeg-installer packages carry the binaries in their tarballs.
// They are optionalDependencies for Windows only (os/cpu), which npm on a Linux
// build machine never installs, so they are fetched with `npm pack` (registry
// integrity checked by npm) and unpacked here, at Windows packaging time. Nothing
// is added to package.json. A binary already there that passes the check is kept
// (e.g. one placed by hand); --force fetches again.
//
//   node scripts/fetch-win-ffmpeg.mjs [--force]
//
// Exits 2 when what it has cannot serve the station (build/before-pack.mjs's check:
// ffmpeg 4.1 or newer). The registry's ffmpeg is a December 2018 snapshot of 4.1;
// the station's arguments follow the version they run on (ffmpeg-dialect.ts).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { windowsToolProblem } from '../build/before-pack.mjs';
import { npmPackFile } from './npm-pack-file.mjs';

const DEST = path.join('resources', 'ffmpeg', 'win32');
const SOURCES = [
  { file: 'ffmpeg.exe', spec: '@ffmpeg-installer/win32-x64@4.1.0' },
  { file: 'ffprobe.exe', spec: '@ffprobe-installer/win32-x64@5.1.0' },
];
const force = process.argv.includes('--force');

mkdirSync(DEST, { recursive: true });
const manifestFile = path.join(DEST, 'SOURCE.json');
let manifest = {};
try {
  manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
} catch {
  // first fetch
}

for (const { file, spec } of SOURCES) {
  const dest = path.join(DEST, file);
  if (!force && windowsToolProblem(dest) === null) {
    console.log(`${dest}: kept (${manifest[file]?.package ?? 'placed by hand'})`);
    continue;
  }
  manifest[file] = npmPackFile(spec, file, dest);
  console.log(`${dest}: ${manifest[file].package} (${manifest[file].bytes} bytes)`);
}
writeFileSync(manifestFile, JSON.stringify(manifest, null, 2) + '\n');

const problems = SOURCES.map(({ file }) => windowsToolProblem(path.join(DEST, file))).filter(
  (p) => p !== null,
);
if (problems.length > 0) {
  console.error(
    'Không đóng gói được ffmpeg cho Windows / the Windows ffmpeg cannot serve the station:\n  ' +
      problems.join('\n  '),
  );
  process.exit(2);
}
