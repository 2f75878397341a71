// The Windows package as far as it can be checked without Windows (none here: the
// installer is not built, WinSW and the service are not run). The WinSW XML is
// well-formed and names the app's exe as Node on the service entry with the
// paths the consoles use; the NSIS include registers, starts, stops and removes
// the service; each platform's resources are what the ffmpeg locator expects;
// and Windows packaging refuses missing or unusable ffmpeg and WinSW files.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APP_EXECUTABLE_NAME,
  PROGRAM_DATA_DIR,
  SERVICE_ID,
  WINSW_BASENAME,
  winswXml,
} from '../../scripts/packaging/winsw-config';
import {
  beforePack,
  windowsPackagingProblems,
  windowsToolProblem,
} from '../../build/before-pack.mjs';
import { runtimeFileCandidates } from '../core/service/service-locator';
import { bundledFfmpegDir } from '../core/streams/ffmpeg-locator';

const require = createRequire(import.meta.url);
interface FileSet {
  from?: string;
  to?: string;
  filter?: string[];
}
interface BuilderConfig {
  executableName: string;
  extraResources?: FileSet[];
  win: { extraResources?: FileSet[] };
  linux: { extraResources?: FileSet[] };
  nsis: { include?: string };
}
const { getConfig } = require('app-builder-lib/out/util/config/config') as {
  getConfig(projectDir: string, configPath: string, cli: null): Promise<BuilderConfig>;
};
interface Matcher {
  from: string;
  to: string;
  patterns: string[];
}
const { getFileMatchers } = require('app-builder-lib/out/fileMatcher') as {
  getFileMatchers(
    config: BuilderConfig,
    name: string,
    defaultDestination: string,
    options: {
      defaultSrc: string;
      globalOutDir: string;
      macroExpander: (s: string) => string;
      customBuildOptions: unknown;
    },
  ): Matcher[] | null;
};

let config: BuilderConfig;
const tmp = mkdtempSync(path.join(tmpdir(), 'win-packaging-'));
beforeAll(async () => {
  config = await getConfig(process.cwd(), 'build/electron-builder.yml', null);
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The elements named `tag`, as an array (xmldom's lists are not iterable). */
function all(doc: Document, tag: string): Element[] {
  const list = doc.getElementsByTagName(tag);
  return Array.from({ length: list.length }, (_, i) => list.item(i)!);
}

/** Parses strictly: any well-formedness error throws. */
function parseXml(text: string): Document {
  const fail = (msg: string) => {
    throw new Error(msg);
  };
  const doc = new DOMParser({
    errorHandler: { warning: fail, error: fail, fatalError: fail },
  }).parseFromString(text, 'text/xml') as unknown as Document;
  return doc;
}

const xmlOptions = {
  executableName: APP_EXECUTABLE_NAME,
  displayName: 'Trực ban & "camera" <service>',
  description: 'd',
};

describe('WinSW configuration', () => {
  it('is well-formed XML whatever its names hold (the parser does reject broken XML)', () => {
    expect(() => parseXml('<service><id>x</service>')).toThrow();
    const doc = parseXml(winswXml(xmlOptions));
    expect(doc.documentElement.tagName).toBe('service');
    expect(doc.getElementsByTagName('name')[0]?.textContent).toBe(xmlOptions.displayName);
  });

  it('runs the app’s exe as Node on the service entry, with the consoles’ paths', () => {
    const doc = parseXml(winswXml(xmlOptions));
    const text = (tag: string) => doc.getElementsByTagName(tag)[0]?.textContent ?? null;
    expect(text('id')).toBe(SERVICE_ID);
    expect(config.executableName).toBe(APP_EXECUTABLE_NAME);
    // WinSW lives in <install dir>\resources\winsw (%BASE%), the exe in <install dir>.
    expect(config.win.extraResources).toContainEqual(expect.objectContaining({ to: 'winsw' }));
    expect(text('executable')).toBe(`%BASE%\\..\\..\\${APP_EXECUTABLE_NAME}.exe`);
    const env = doc.getElementsByTagName('env')[0];
    expect([env?.getAttribute('name'), env?.getAttribute('value')]).toEqual([
      'ELECTRON_RUN_AS_NODE',
      '1',
    ]);

    const args = [...(text('arguments') ?? '').matchAll(/"([^"]*)"|(\S+)/g)].map(
      (m) => m[1] ?? m[2],
    );
    expect(args[0]).toBe('%BASE%\\..\\app.asar\\dist\\electron\\station-service.cjs');
    const opt = (name: string) => args[args.indexOf(name) + 1];
    expect(opt('--data-dir')).toBe(`${PROGRAM_DATA_DIR}\\data`);
    // The first place a console looks on Windows (service-locator.ts).
    const consoleLooks = runtimeFileCandidates('x', 'win32', { ProgramData: '%ProgramData%' })[0];
    expect(opt('--runtime-file')?.replace(/\\/g, '/')).toBe(consoleLooks?.replace(/\\/g, '/'));
    expect(opt('--demo')).toBe('off');

    expect(text('startmode')).toBe('Automatic');
    const failures = all(doc, 'onfailure').map((e) => [
      e.getAttribute('action'),
      e.getAttribute('delay'),
    ]);
    expect(failures.length).toBeGreaterThanOrEqual(3);
    for (const [action] of failures) expect(action).toBe('restart');
    expect(failures[0]?.[1]).toBe('2 sec');
    expect(text('stoptimeout')).toBe('30 sec');
    expect(text('stopparentprocessfirst')).toBe('true');
    expect(text('logpath')).toBe(`${PROGRAM_DATA_DIR}\\logs`);
    expect(doc.getElementsByTagName('log')[0]?.getAttribute('mode')).toBe('roll-by-size');
  });

  it('is what the write script puts in resources/winsw', () => {
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'scripts/packaging/write-winsw-xml.ts', tmp],
      { encoding: 'utf8' },
    );
    expect(r.stderr).toBe('');
    const written = readFileSync(
      path.join(tmp, 'resources', 'winsw', `${WINSW_BASENAME}.xml`),
      'utf8',
    );
    const doc = parseXml(written);
    expect(doc.getElementsByTagName('id')[0]?.textContent).toBe(SERVICE_ID);
  });
});

describe('NSIS include', () => {
  const nsh = readFileSync('build/installer.nsh', 'utf8');
  /** The body of `!macro name` … `!macroend`, comments dropped. */
  function macro(name: string): string[] {
    const m = new RegExp(`^!macro ${name}\\n([\\s\\S]*?)^!macroend`, 'm').exec(nsh);
    expect(m, `!macro ${name}`).not.toBeNull();
    return m![1]!
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith(';'));
  }

  it('is wired into electron-builder and names WinSW where the package puts it', () => {
    expect(config.nsis.include).toBe('build/installer.nsh');
    expect(nsh).toContain(
      `!define STATION_SERVICE_WINSW "$INSTDIR\\resources\\winsw\\${WINSW_BASENAME}.exe"`,
    );
    expect(nsh).toContain(`!define STATION_SERVICE_ID "${SERVICE_ID}"`);
    // Balanced blocks (NSIS fails on these only on Windows).
    const count = (re: RegExp) => (nsh.match(re) ?? []).length;
    expect(count(/^!macro /gm)).toBe(count(/^!macroend/gm));
    expect(count(/\$\{If\}/g)).toBe(count(/\$\{EndIf\}/g));
  });

  it('compiles with makensis (-WX), inserted as electron-builder inserts its macros', () => {
    // Debian's makensis builds Windows installers on Linux. electron-builder's own
    // script needs its plugin bundle (downloaded; not here), so this harness stands
    // in for it: the include is read before electron-builder's scripts, its macros
    // are inserted in the install and uninstall sections, and the two template
    // macros customCheckAppRunning calls are stubbed (their existence is checked
    // below). Catches what Windows alone would otherwise tell: a bad LogicLib block,
    // a misspelt plugin call, an undefined name (warnings are errors).
    const harness = path.join(tmp, 'harness.nsi');
    const templates = path.dirname(
      require.resolve('app-builder-lib/templates/nsis/include/getProcessInfo.nsh'),
    );
    writeFileSync(
      harness,
      [
        'Unicode true',
        `!addincludedir "${templates}"`,
        '!include LogicLib.nsh',
        '!define APP_EXECUTABLE_FILENAME "station-console.exe"',
        'Name "harness"',
        `OutFile "${path.join(tmp, 'harness.exe')}"`,
        'RequestExecutionLevel admin',
        'InstallDir "$PROGRAMFILES64\\Truc ban Camera"',
        `!include "${path.resolve('build/installer.nsh')}"`,
        '!macro IS_POWERSHELL_AVAILABLE',
        '!macroend',
        '!macro _CHECK_APP_RUNNING',
        '  ${GetProcessInfo} 0 $pid $1 $2 $3 $4',
        '!macroend',
        'Section',
        '  !insertmacro customCheckAppRunning',
        '  !insertmacro customInstall',
        '  WriteUninstaller "$INSTDIR\\uninstall.exe"',
        'SectionEnd',
        'Section "Uninstall"',
        '  !insertmacro customUnInstall',
        'SectionEnd',
        '',
      ].join('\n'),
    );
    const r = spawnSync('makensis', ['-WX', '-INPUTCHARSET', 'UTF8', '-V1', harness], {
      encoding: 'utf8',
    });
    expect(
      r.error,
      'makensis (Debian package nsis; scripts/bootstrap.sh installs it)',
    ).toBeUndefined();
    expect(`${r.stdout}${r.stderr}`.trim()).toBe('');
    expect(r.status).toBe(0);
  });

  it('installs then starts; stops and waits, then uninstalls', () => {
    const winsw = (cmd: string) => `nsExec::ExecToLog '"\${STATION_SERVICE_WINSW}" ${cmd}'`;
    const install = macro('customInstall');
    expect(install.indexOf(winsw('uninstall'))).toBeLessThan(install.indexOf(winsw('install')));
    expect(install.indexOf(winsw('install'))).toBeLessThan(install.indexOf(winsw('start')));
    expect(install.indexOf(winsw('install'))).toBeGreaterThanOrEqual(0);

    // The data folder is closed to other local users (LocalSystem and Administrators).
    const icacls = install.find((l) => l.includes('icacls.exe'));
    expect(icacls).toContain('"$0\\StationConsole\\data" /inheritance:r');
    expect(icacls).toContain('*S-1-5-18:(OI)(CI)F');
    expect(icacls).toContain('*S-1-5-32-544:(OI)(CI)F');
    expect(install.indexOf(icacls!)).toBeLessThan(install.indexOf(winsw('start')));

    const stop = macro('stationServiceStop');
    expect(stop).toContain(winsw('stopwait'));
    const uninstall = macro('customUnInstall');
    expect(uninstall[0]).toBe('!insertmacro stationServiceStop');
    expect(uninstall).toContain(winsw('uninstall'));

    // The service is the app's exe: it is stopped before electron-builder's
    // running-app check, which then runs as it would without this include.
    expect(macro('customCheckAppRunning')).toEqual([
      '!insertmacro stationServiceStop',
      '!insertmacro IS_POWERSHELL_AVAILABLE',
      '!insertmacro _CHECK_APP_RUNNING',
    ]);
    const template = readFileSync(
      require.resolve('app-builder-lib/templates/nsis/include/allowOnlyOneInstallerInstance.nsh'),
      'utf8',
    );
    expect(template).toContain('!macro IS_POWERSHELL_AVAILABLE');
    expect(template).toContain('!macro _CHECK_APP_RUNNING');
    expect(template).toMatch(
      /!ifmacrondef customCheckAppRunning\s+!include "getProcessInfo.nsh"\s+Var pid/,
    );
    expect(nsh).toMatch(/^!include "getProcessInfo.nsh"\nVar pid$/m);
  });
});

describe('resources per platform', () => {
  function extraResources(platform: 'win' | 'linux'): Matcher[] {
    return (
      getFileMatchers(config, 'extraResources', '/RES', {
        defaultSrc: process.cwd(),
        globalOutDir: path.join(process.cwd(), 'release'),
        macroExpander: (s) => s,
        customBuildOptions: config[platform],
      }) ?? []
    ).map((m) => ({ ...m, from: path.relative(process.cwd(), m.from) }));
  }

  it('Windows carries ffmpeg and ffprobe where the locator looks, and WinSW', () => {
    const res = extraResources('win');
    const ffmpeg = res.find((m) => m.from === path.join('resources', 'ffmpeg', 'win32'));
    expect(ffmpeg?.to).toBe(bundledFfmpegDir('/RES', 'win32'));
    expect(ffmpeg?.patterns).toEqual(expect.arrayContaining(['ffmpeg.exe', 'ffprobe.exe']));
    const winsw = res.find((m) => m.from === path.join('resources', 'winsw'));
    expect(winsw?.to).toBe('/RES/winsw');
    expect(winsw?.patterns).toEqual(
      expect.arrayContaining([`${WINSW_BASENAME}.exe`, `${WINSW_BASENAME}.xml`]),
    );
    expect(res.find((m) => m.from.includes('linux'))).toBeUndefined();
  });

  it('Linux carries no ffmpeg (the system one) but the systemd unit', () => {
    const res = extraResources('linux');
    expect(res.find((m) => m.from.includes('ffmpeg'))).toBeUndefined();
    expect(res.find((m) => m.from.includes('winsw'))).toBeUndefined();
    expect(res.map((m) => m.to)).toContain('/RES/linux/station-console.service');
  });
});

describe('Windows packaging check', () => {
  const MZ = Buffer.from('MZ\x90\x00');
  function project(files: Record<string, Buffer | string>): string {
    const dir = mkdtempSync(path.join(tmp, 'project-'));
    for (const [name, body] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      writeFileSync(path.join(dir, name), body);
    }
    return dir;
  }
  const ffmpeg51 = Buffer.concat([MZ, Buffer.from('… fps_mode … imply flag listen)')]);
  const complete = {
    'resources/ffmpeg/win32/ffmpeg.exe': ffmpeg51,
    'resources/ffmpeg/win32/ffprobe.exe': Buffer.concat([MZ, Buffer.from('ffprobe')]),
    [`resources/winsw/${WINSW_BASENAME}.exe`]: MZ,
    [`resources/winsw/${WINSW_BASENAME}.xml`]: winswXml(xmlOptions),
  };

  it('passes a complete project and names each missing file', async () => {
    expect(windowsPackagingProblems(project(complete))).toEqual([]);
    const empty = project({});
    const problems = windowsPackagingProblems(empty);
    expect(problems).toHaveLength(4);
    for (const f of ['ffmpeg.exe', 'ffprobe.exe', `${WINSW_BASENAME}.exe`, `${WINSW_BASENAME}.xml`])
      expect(problems.some((p) => p.includes(f) && p.includes('missing'))).toBe(true);
    await expect(
      beforePack({ electronPlatformName: 'win32', packager: { projectDir: empty } }),
    ).rejects.toThrow(/cannot package win32[\s\S]*station-console-service\.exe: missing/);
    await expect(
      beforePack({ electronPlatformName: 'linux', packager: { projectDir: process.cwd() } }),
    ).resolves.toBeUndefined();
  });

  it('refuses an ffmpeg older than 4.1 (by its libavformat) and a file that is not a Windows program', () => {
    const dir = project({
      // libavformat 58.12 is ffmpeg 4.0: older than the registry's 4.1, which the app supports.
      'old/ffmpeg.exe': Buffer.concat([MZ, Buffer.from('Lavf58.12.100')]),
      'ffmpeg.exe': Buffer.concat([MZ, Buffer.from('Lavf58.24.101')]),
      'ffprobe.exe': Buffer.from('#!/bin/sh\n'),
    });
    expect(windowsToolProblem(path.join(dir, 'old', 'ffmpeg.exe'))).toMatch(
      /older than ffmpeg 4\.1/,
    );
    expect(windowsToolProblem(path.join(dir, 'ffmpeg.exe'))).toBeNull();
    expect(windowsToolProblem(path.join(dir, 'ffprobe.exe'))).toMatch(/not a Windows executable/);
  });
});
