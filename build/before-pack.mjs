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
 * The station's recorder, live view and probe pass ffmpeg 5.1's meanings (tested
 * with 5.1 on Linux). Before 5.0 the RTSP input option -timeout meant "listen for
 * a camera to connect" (the input waits forever) and was marked deprecated in its
 * help text with this phrase, which 5.0 removed; -fps_mode (playback transcode)
 * came with 5.1. Read from the binary: no Windows here to run it.
 */
const RTSP_TIMEOUT_IS_LISTEN = '(deprecated, use listen_timeout)';
const FPS_MODE = 'fps_mode';

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
  const needs = 'the station needs ffmpeg 5.1 or newer; see resources/ffmpeg/README.md';
  if (bytes.indexOf(RTSP_TIMEOUT_IS_LISTEN) !== -1)
    return `${file}: older than ffmpeg 5.0 (its RTSP -timeout means "listen"); ${needs}`;
  if (path.basename(file) === 'ffmpeg.exe' && bytes.indexOf(FPS_MODE) === -1)
    return `${file}: older than ffmpeg 5.1 (no -fps_mode); ${needs}`;
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
