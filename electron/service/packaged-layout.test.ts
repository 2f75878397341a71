// The built service run from where the packages put it, <resources>/app.asar/
// dist/electron/station-service.cjs (a plain folder named app.asar here: no
// Electron binary on this machine, and Electron-as-Node reads the real asar like
// one), as the systemd unit runs it: working directory elsewhere, runtime file
// group-readable. It must use the package's ffmpeg (<resources>/ffmpeg/<platform>),
// report the package's version, and remove its runtime file on SIGTERM.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRuntimeFile } from '../core/service/runtime-file';
import { LOG_FILE_NAME } from '../core/logging/logger';

const root = mkdtempSync(path.join(tmpdir(), 'packaged-layout-'));
const resources = path.join(root, 'resources');
const asar = path.join(resources, 'app.asar');
const runtimeFile = path.join(root, 'run', 'service.json');
const dataDir = path.join(root, 'data');
let child: ChildProcess;
let exited: Promise<number | null>;

beforeAll(async () => {
  const build = spawnSync(process.execPath, ['scripts/build-electron.mjs'], { encoding: 'utf8' });
  expect(build.status, build.stderr).toBe(0);
  mkdirSync(path.join(asar, 'dist', 'electron'), { recursive: true });
  copyFileSync(
    'dist/electron/station-service.cjs',
    path.join(asar, 'dist', 'electron', 'station-service.cjs'),
  );
  // A version of its own, so the test can tell this package.json from the repo's.
  writeFileSync(path.join(asar, 'package.json'), JSON.stringify({ version: '9.8.7' }));
  symlinkSync(path.resolve('node_modules'), path.join(asar, 'node_modules'));
  const bundled = path.join(resources, 'ffmpeg', process.platform);
  mkdirSync(bundled, { recursive: true });
  for (const tool of ['ffmpeg', 'ffprobe'])
    symlinkSync(`/usr/bin/${tool}`, path.join(bundled, tool));

  child = spawn(
    process.execPath,
    [
      path.join(asar, 'dist', 'electron', 'station-service.cjs'),
      '--data-dir',
      dataDir,
      '--runtime-file',
      runtimeFile,
      '--runtime-file-group-read',
      '--demo',
      'off',
      '--port',
      '0',
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-4000)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no readiness line\n${stderr}`)), 30_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if ((JSON.parse(line) as { ready?: boolean }).ready) {
        clearTimeout(timer);
        resolve();
      }
    });
    void exited.then((code) => reject(new Error(`exited ${String(code)}\n${stderr}`)));
  });
});

afterAll(() => {
  if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(root, { recursive: true, force: true });
});

describe('the service in the packaged layout', () => {
  it('writes a group-readable runtime file with the package’s version', async () => {
    expect(statSync(runtimeFile).mode & 0o777).toBe(0o640);
    expect(statSync(path.dirname(runtimeFile)).mode & 0o777).toBe(0o750);
    const rt = await readRuntimeFile(runtimeFile);
    expect(rt?.pid).toBe(child.pid);
    expect(rt?.version).toBe('9.8.7');
  });

  it('uses the ffmpeg in <resources>/ffmpeg/<platform>', () => {
    const log = readFileSync(path.join(dataDir, 'logs', LOG_FILE_NAME), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { msg?: string; path?: string; source?: string });
    expect(log.find((e) => e.msg === 'ffmpeg found')).toMatchObject({
      source: 'bundled',
      path: path.join(resources, 'ffmpeg', process.platform, 'ffmpeg'),
    });
  });

  it('removes its runtime file when stopped with SIGTERM', async () => {
    child.kill('SIGTERM');
    const code = await Promise.race([
      exited,
      new Promise((r) => setTimeout(() => r('timeout'), 20_000)),
    ]);
    expect(code).toBe(0);
    expect(existsSync(runtimeFile)).toBe(false);
  });
});
