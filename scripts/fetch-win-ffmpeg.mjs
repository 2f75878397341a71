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
// Exits 2 when what it has cannot serve the station (build/before-pack.mjs's check):
// ffmpeg-installer's ffmpeg is a 2018 build (4.1), whose RTSP -timeout means "listen".
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { windowsToolProblem } from '../build/before-pack.mjs';

const DEST = path.join('resources', 'ffmpeg', 'win32');
const SOURCES = [
  { file: 'ffmpeg.exe', spec: '@ffmpeg-installer/win32-x64@4.1.0' },
  { file: 'ffprobe.exe', spec: '@ffprobe-installer/win32-x64@5.1.0' },
];
const force = process.argv.includes('--force');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

mkdirSync(DEST, { recursive: true });
const manifestFile = path.join(DEST, 'SOURCE.json');
let manifest = {};
try {
  manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
} catch {
  // first fetch
}

const tmp = mkdtempSync(path.join(tmpdir(), 'win-ffmpeg-'));
try {
  for (const { file, spec } of SOURCES) {
    const dest = path.join(DEST, file);
    if (!force && windowsToolProblem(dest) === null) {
      console.log(`${dest}: kept (${manifest[file]?.package ?? 'placed by hand'})`);
      continue;
    }
    const packed = JSON.parse(
      execFileSync(npm, ['pack', spec, '--json', '--pack-destination', tmp], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
        shell: process.platform === 'win32',
      }),
    )[0];
    const out = path.join(tmp, packed.name.replace(/[@/]/g, '_'));
    mkdirSync(out);
    execFileSync('tar', ['-xzf', path.join(tmp, packed.filename), '-C', out, `package/${file}`]);
    copyFileSync(path.join(out, 'package', file), dest);
    const bytes = readFileSync(dest);
    manifest[file] = {
      package: `${packed.name}@${packed.version}`,
      integrity: packed.integrity,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      bytes: bytes.length,
    };
    console.log(`${dest}: ${packed.name}@${packed.version} (${bytes.length} bytes)`);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
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
