// The station service as the Linux package lays it out, run the way the systemd
// unit runs it. electron-builder itself packs the app (`--linux dir`: the deb's
// /opt/<productName> folder before fpm wraps it) around a stand-in Electron
// distribution, since no Electron binary can be downloaded here; the fuse step,
// which patches the real binary, is left out for the stand-in. Checked: the
// unit's ExecStart paths exist in that layout, sqlite3's native module is
// unpacked, the unit ships among the resources and ffmpeg does not. Then app.asar
// is extracted to a folder of the same name (what Electron-as-Node reads, for
// plain Node) and the service started from it with the unit's options, from
// another working directory: it must start with the packaged node_modules only,
// serve the packaged renderer, write a 0640 runtime file with the package's
// version, find ffmpeg put in <resources>/ffmpeg/<platform> (how Windows finds its
// own), and remove the runtime file on SIGTERM.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRuntimeFile } from '../core/service/runtime-file';
import { LOG_FILE_NAME } from '../core/logging/logger';

const require = createRequire(import.meta.url);
const asar = require('@electron/asar') as {
  listPackage(file: string, opts?: object): string[];
  extractAll(file: string, dest: string): void;
};

const UNIT = 'build/linux/station-console.service';
const root = mkdtempSync(path.join(tmpdir(), 'packaged-layout-'));
const unpacked = path.join(root, 'release', 'linux-unpacked'); // = /opt/<productName>
const runResources = path.join(root, 'run', 'resources');
const runtimeFile = path.join(root, 'rt', 'service.json');
const dataDir = path.join(root, 'data');
const pkgVersion = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string })
  .version;
let execStart: string[]; // the unit's ExecStart, words
let child: ChildProcess;
let exited: Promise<number | null>;
let ready: { port: number; renderer: string | null };

function unitExecStart(): string[] {
  const line = readFileSync(UNIT, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('ExecStart='))!
    .slice('ExecStart='.length);
  return [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? '');
}

/** A path of the unit (under /opt/<productName>) in the packed folder. */
function inPackage(unitPath: string): string {
  const rel = unitPath.split('/').slice(3).join('/'); // drop "", "opt", productName
  return path.join(unpacked, rel);
}

beforeAll(async () => {
  const build = spawnSync('npm', ['run', '--silent', 'build'], { encoding: 'utf8' });
  expect(build.status, build.stderr).toBe(0);

  const electronDist = path.join(root, 'electron-dist');
  mkdirSync(path.join(electronDist, 'resources'), { recursive: true });
  writeFileSync(path.join(electronDist, 'electron'), '#!/bin/sh\nexit 1\n', { mode: 0o755 });
  writeFileSync(path.join(electronDist, 'chrome-sandbox'), '');
  const overlay = path.join(root, 'builder.yml');
  writeFileSync(
    overlay,
    [
      `extends: ${path.resolve('build/electron-builder.yml')}`,
      'electronFuses: null',
      'directories:',
      `  output: ${path.join(root, 'release')}`,
      '  buildResources: build',
      `electronDist: ${electronDist}`,
      '',
    ].join('\n'),
  );
  const pack = spawnSync(
    process.execPath,
    [require.resolve('electron-builder/cli.js'), '--config', overlay, '--linux', 'dir', '--x64'],
    { encoding: 'utf8' },
  );
  expect(pack.status, `${pack.stdout}\n${pack.stderr}`).toBe(0);
  execStart = unitExecStart();

  asar.extractAll(
    path.join(unpacked, 'resources', 'app.asar'),
    path.join(runResources, 'app.asar'),
  );
  const bundled = path.join(runResources, 'ffmpeg', process.platform);
  mkdirSync(bundled, { recursive: true });
  for (const tool of ['ffmpeg', 'ffprobe'])
    symlinkSync(`/usr/bin/${tool}`, path.join(bundled, tool));

  const args = execStart
    .slice(2)
    .map((a) =>
      a === '/var/lib/station-console'
        ? dataDir
        : a === '/run/station-console/service.json'
          ? runtimeFile
          : a,
    );
  child = spawn(
    process.execPath,
    [
      path.join(runResources, 'app.asar', 'dist', 'electron', 'station-service.cjs'),
      ...args,
      '--port',
      '0',
    ],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    },
  );
  exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-4000)));
  ready = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no readiness line\n${stderr}`)), 30_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const msg = JSON.parse(line) as { ready?: boolean; port: number; renderer: string | null };
      if (msg.ready) {
        clearTimeout(timer);
        resolve(msg);
      }
    });
    void exited.then((code) => reject(new Error(`exited ${String(code)}\n${stderr}`)));
  });
}, 240_000);

afterAll(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  rmSync(root, { recursive: true, force: true });
});

describe('the packed Linux app', () => {
  it('has what the systemd unit runs, where it runs it', () => {
    expect(statSync(inPackage(execStart[0]!)).mode & 0o111).not.toBe(0);
    const asarPath = inPackage(execStart[1]!).split(`${path.sep}app.asar${path.sep}`);
    expect(asarPath).toHaveLength(2);
    const files = asar.listPackage(`${asarPath[0]}${path.sep}app.asar`, { isPack: false });
    expect(files).toContain(`/${asarPath[1]}`);
    expect(files).toContain('/dist/renderer/index.html');
    // sqlite3's native module is outside the archive, where Electron loads it from.
    expect(
      existsSync(
        path.join(
          unpacked,
          'resources',
          'app.asar.unpacked',
          'node_modules/sqlite3/build/Release/node_sqlite3.node',
        ),
      ),
    ).toBe(true);
    expect(
      readFileSync(path.join(unpacked, 'resources', 'linux', 'station-console.service'), 'utf8'),
    ).toBe(readFileSync(UNIT, 'utf8'));
    expect(existsSync(path.join(unpacked, 'resources', 'ffmpeg'))).toBe(false);
  });
});

describe('the service run from it as the unit runs it', () => {
  it('serves the packaged renderer and writes a 0640 runtime file with the package’s version', async () => {
    expect(ready.renderer).toBe(path.join(runResources, 'app.asar', 'dist', 'renderer'));
    expect(statSync(runtimeFile).mode & 0o777).toBe(0o640);
    expect(statSync(path.dirname(runtimeFile)).mode & 0o777).toBe(0o750);
    const rt = await readRuntimeFile(runtimeFile);
    expect(rt?.pid).toBe(child.pid);
    expect(rt?.port).toBe(ready.port);
    expect(rt?.version).toBe(pkgVersion);
    expect(rt?.dataDir).toBe(dataDir);
  });

  it('uses the ffmpeg in <resources>/ffmpeg/<platform>', () => {
    const log = readFileSync(path.join(dataDir, 'logs', LOG_FILE_NAME), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { msg?: string; path?: string; source?: string });
    expect(log.find((e) => e.msg === 'ffmpeg found')).toMatchObject({
      source: 'bundled',
      path: path.join(runResources, 'ffmpeg', process.platform, 'ffmpeg'),
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
