// electron-builder's beforePack hook: refuses to package a target whose station
// service or ffmpeg would be missing or broken, naming what to do, instead of
// producing an installer that installs a service that cannot start.
//   Windows: resources/ffmpeg/win32/{ffmpeg,ffprobe}.exe (scripts/fetch-win-ffmpeg.mjs
//   or by hand) and resources/winsw/station-console-service.{exe,xml} (README there).
//   Linux: the systemd unit the deb installs.
// scripts/fetch-win-ffmpeg.mjs and the packaging tests use the same checks.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const WIN_TOOLS = ['ffmpeg.exe', 'ffprobe.exe'];
const WINSW = 'station-console-service';

/**
 * The station's arguments follow the ffmpeg that runs them from 4.1 on
 * (electron/core/streams/ffmpeg-dialect.ts; tested with 4.1 and 5.1 on Linux:
 * npm run test:ffmpeg41). The registry's ffmpeg-installer 4.1.0 is a December 2018
 * snapshot of 4.1 (libavformat 58.24). Read from the binary, no Windows here to run
 * it: a static build carries libavformat's identifier, "Lavf58.24.101".
 */
const MIN_LAVF = { major: 58, minor: 20, release: '4.1' };

/** libavformat's version inside a static build, null when it carries none. */
function lavfVersion(bytes) {
  for (let i = bytes.indexOf('Lavf'); i !== -1; i = bytes.indexOf('Lavf', i + 4)) {
    const m = /^Lavf(\d+)\.(\d+)\.\d+/.exec(bytes.subarray(i, i + 16).toString('latin1'));
    if (m) return { major: Number(m[1]), minor: Number(m[2]) };
  }
  return null;
}

function isFile(file) {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** Why this Windows executable cannot serve the station (null: it can). */
export function windowsToolProblem(file) {
  if (!isFile(file)) return `${file}: missing`;
  const bytes = readFileSync(file);
  if (bytes.subarray(0, 2).toString('latin1') !== 'MZ') return `${file}: not a Windows executable`;
  // No identifier: the version cannot be told, so it is not refused. (A build with separate
  // DLLs keeps it in avformat-*.dll, which the package does not carry: use a static build.)
  const lavf = lavfVersion(bytes);
  if (lavf && (lavf.major - MIN_LAVF.major || lavf.minor - MIN_LAVF.minor) < 0)
    return (
      `${file}: older than ffmpeg ${MIN_LAVF.release} (libavformat ${lavf.major}.${lavf.minor}); ` +
      `the station needs ffmpeg ${MIN_LAVF.release} or newer; see resources/ffmpeg/README.md`
    );
  return null;
}

/** Everything missing or unusable for a Windows package, as messages. */
export function windowsPackagingProblems(projectDir) {
  const problems = [];
  for (const tool of WIN_TOOLS) {
    const p = windowsToolProblem(path.join(projectDir, 'resources', 'ffmpeg', 'win32', tool));
    if (p) problems.push(p);
  }
  const winswExe = path.join(projectDir, 'resources', 'winsw', `${WINSW}.exe`);
  if (!isFile(winswExe))
    problems.push(`${winswExe}: missing (WinSW 2.x x64, renamed; see resources/winsw/README.md)`);
  else if (readFileSync(winswExe).subarray(0, 2).toString('latin1') !== 'MZ')
    problems.push(`${winswExe}: not a Windows executable`);
  const winswXml = path.join(projectDir, 'resources', 'winsw', `${WINSW}.xml`);
  if (!isFile(winswXml) || !readFileSync(winswXml, 'utf8').includes('<id>station-console</id>'))
    problems.push(`${winswXml}: missing (npx tsx scripts/packaging/write-winsw-xml.ts)`);
  return problems;
}

export function linuxPackagingProblems(projectDir) {
  const unit = path.join(projectDir, 'build', 'linux', 'station-console.service');
  return isFile(unit) ? [] : [`${unit}: missing`];
}

export async function beforePack(context) {
  const projectDir = context.packager.projectDir;
  const problems =
    context.electronPlatformName === 'win32'
      ? windowsPackagingProblems(projectDir)
      : context.electronPlatformName === 'linux'
        ? linuxPackagingProblems(projectDir)
        : [];
  if (problems.length > 0)
    throw new Error(
      `cannot package ${context.electronPlatformName}: the station service would not work:\n  ` +
        problems.join('\n  ') +
        '\n(npm run dist:win prepares Windows; see resources/ffmpeg/README.md and resources/winsw/README.md)',
    );
}

export default beforePack;
