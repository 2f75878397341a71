// The Linux station service as the deb installs it: the systemd unit passes
// `systemd-analyze verify`, its paths are electron-builder's deb layout for this
// config, and the deb's scripts (rendered the way electron-builder renders them)
// are valid bash and do what they must, run against stub commands that record
// their calls (no root, nothing on this machine is changed).
import { STOPPED_BY_COMMANDER_EXIT } from '../core/service/exit-codes';
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runtimeFileCandidates } from '../core/service/service-locator';

const require = createRequire(import.meta.url);
interface FileSet {
  from?: string;
  to?: string;
}
interface BuilderConfig {
  productName: string;
  executableName: string;
  files: unknown;
  asarUnpack: string[];
  linux: { extraResources?: FileSet[] };
  deb: { afterInstall?: string; afterRemove?: string; depends?: string[] };
}
const { getConfig } = require('app-builder-lib/out/util/config/config') as {
  getConfig(projectDir: string, configPath: string, cli: null): Promise<BuilderConfig>;
};
const { sanitizeFileName } = require('builder-util/out/filename') as {
  sanitizeFileName(s: string): string;
};

const UNIT = 'build/linux/station-console.service';
const unitText = readFileSync(UNIT, 'utf8');
let config: BuilderConfig;
let installDir: string; // /opt/<sanitized productName>, as electron-builder's deb lays it out
const tmp = mkdtempSync(path.join(tmpdir(), 'linux-service-'));

beforeAll(async () => {
  config = await getConfig(process.cwd(), 'build/electron-builder.yml', null);
  installDir = `/opt/${sanitizeFileName(config.productName)}`;
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Key → values of the unit's [section] (a key may repeat). */
function directives(section: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let current = '';
  for (const raw of unitText.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('[')) current = line;
    else if (current === `[${section}]` && line && !line.startsWith('#')) {
      const eq = line.indexOf('=');
      const key = line.slice(0, eq);
      out.set(key, [...(out.get(key) ?? []), line.slice(eq + 1)]);
    }
  }
  return out;
}

function one(section: string, key: string): string | undefined {
  const v = directives(section).get(key);
  return v?.[v.length - 1];
}

/** systemd's word splitting for ExecStart: double quotes group words (none nest here). */
function execWords(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? '');
}

/** electron-builder's template rendering (FpmTarget writeConfigFile): ${name}, unknown names fail. */
function renderTemplate(file: string, vars: Record<string, string>): string {
  return readFileSync(file, 'utf8').replace(/\${([a-zA-Z]+)}/g, (_m, name: string) => {
    const v = vars[name];
    if (v === undefined) throw new Error(`${file}: macro ${name} is not defined`);
    return v;
  });
}

function verify(unitFile: string) {
  const r = spawnSync('systemd-analyze', ['verify', '--man=no', unitFile], { encoding: 'utf8' });
  return { status: r.status, output: `${r.stdout}${r.stderr}`.trim() };
}

describe('systemd unit', () => {
  it('passes systemd-analyze verify (with its binary standing in for the app)', () => {
    // verify checks that ExecStart's program exists and is executable, and this
    // machine has no /opt/<app>: the copy moves the install folder to a temporary
    // one (its name keeps the spaces, so the quoting is verified too) whose
    // "station-console" is this Node binary. Everything else is the unit as shipped.
    const fakeInstall = path.join(tmp, path.basename(installDir));
    mkdirSync(fakeInstall, { recursive: true });
    symlinkSync(process.execPath, path.join(fakeInstall, config.executableName));
    const copy = path.join(tmp, 'station-console.service');
    writeFileSync(copy, unitText.split(installDir).join(fakeInstall));
    expect(verify(copy)).toEqual({ status: 0, output: '' });

    // The unit as shipped fails here only for its missing binary: verify does look.
    const shipped = verify(path.resolve(UNIT));
    expect(shipped.status).not.toBe(0);
    expect(shipped.output).toContain(`${installDir}/${config.executableName} is not executable`);

    // And a misspelt directive is reported (the empty output above means something).
    const typo = path.join(tmp, 'typo.service');
    writeFileSync(typo, readFileSync(copy, 'utf8').replace('Restart=always', 'Restrat=always'));
    expect(verify(typo).output).toContain("Unknown key 'Restrat'");
  });

  it('runs the packaged binary as Node on the service entry, with the consoles’ paths', () => {
    const exec = execWords(one('Service', 'ExecStart') ?? '');
    expect(exec[0]).toBe(`${installDir}/${config.executableName}`);
    // app.asar holds dist/** (files); Electron-as-Node reads a file inside it.
    expect(JSON.stringify(config.files)).toContain('"dist/**/*"');
    expect(exec[1]).toBe(`${installDir}/resources/app.asar/dist/electron/station-service.cjs`);
    expect(readFileSync('scripts/build-electron.mjs', 'utf8')).toContain(
      "outfile: 'dist/electron/station-service.cjs'",
    );
    // sqlite3's native module must be outside the asar for Electron to load it.
    expect(config.asarUnpack).toContain('node_modules/sqlite3/**/*');
    expect(directives('Service').get('Environment')).toContain('ELECTRON_RUN_AS_NODE=1');

    const opt = (name: string) => exec[exec.indexOf(name) + 1];
    const runtimeDir = one('Service', 'RuntimeDirectory');
    const stateDir = one('Service', 'StateDirectory');
    expect(opt('--data-dir')).toBe(`/var/lib/${stateDir}`);
    // The first place a console looks on Linux, inside systemd's runtime directory.
    const runtimeFile = runtimeFileCandidates('/unused', 'linux', {})[0];
    expect(opt('--runtime-file')).toBe(runtimeFile);
    expect(path.dirname(runtimeFile!)).toBe(`/run/${runtimeDir}`);
    expect(exec).toContain('--runtime-file-group-read');
    expect(opt('--demo')).toBe('off');
    // Every option is one the service accepts (parseArgs is strict: an unknown one exits 1).
    const source = readFileSync('electron/service/station-service.ts', 'utf8');
    for (const word of exec.slice(2).filter((w) => w.startsWith('--')))
      expect(source).toMatch(new RegExp(`\\s'?${word.slice(2)}'?: \\{ type: `));
  });

  it('restarts, outlives sign-outs, stops its ffmpeg, and is hardened', () => {
    const s = (k: string) => one('Service', k);
    expect(s('User')).toBe('station-console');
    expect(s('Group')).toBe('station-console');
    expect(s('Restart')).toBe('always');
    expect(s('RestartSec')).toBe('2');
    // A commander's stop is not undone by the restart policy.
    expect(s('RestartPreventExitStatus')).toBe(String(STOPPED_BY_COMMANDER_EXIT));
    expect(one('Unit', 'StartLimitIntervalSec')).toBe('0');
    expect(s('RuntimeDirectoryMode')).toBe('0750');
    expect(s('StateDirectoryMode')).toBe('0700');
    expect(s('KillMode')).toBe('mixed');
    expect(Number(s('TimeoutStopSec'))).toBeGreaterThanOrEqual(20);
    expect(s('NoNewPrivileges')).toBe('yes');
    expect(s('ProtectSystem')).toBe('full');
    expect(s('PrivateTmp')).toBe('yes');
    // V8's JIT needs W+X memory.
    expect(s('MemoryDenyWriteExecute')).toBeUndefined();
    expect(one('Install', 'WantedBy')).toBe('multi-user.target');
  });
});

describe('deb scripts', () => {
  const vars = () => ({
    executable: config.executableName,
    sanitizedProductName: sanitizeFileName(config.productName),
  });

  it('are wired into electron-builder, with the unit among the linux resources', () => {
    expect(config.deb.afterInstall).toBe('build/linux/after-install.sh');
    expect(config.deb.afterRemove).toBe('build/linux/after-remove.sh');
    expect(config.deb.depends).toContain('ffmpeg');
    expect(config.linux.extraResources).toContainEqual({
      from: UNIT,
      to: 'linux/station-console.service',
    });
  });

  // A ${name} of the scripts' own would fail the deb build: renderTemplate throws on it.
  it('render as electron-builder renders them, into valid bash', () => {
    for (const name of ['after-install', 'after-remove']) {
      const file = path.join(tmp, `${name}.sh`);
      writeFileSync(file, renderTemplate(`build/linux/${name}.sh`, vars()));
      const r = spawnSync('bash', ['-n', file], { encoding: 'utf8' });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
    }
  });

  /** Runs a rendered script with only recording stubs on PATH; returns the calls. */
  function runWithStubs(name: string, args: string[], env: Record<string, string> = {}) {
    const dir = mkdtempSync(path.join(tmp, `${name}-`));
    const bin = path.join(dir, 'bin');
    mkdirSync(bin);
    const log = path.join(dir, 'calls.log');
    const stub = (cmd: string, body = 'exit 0') => {
      writeFileSync(path.join(bin, cmd), `#!/bin/bash\necho "${cmd} $*" >> '${log}'\n${body}\n`);
      chmodSync(path.join(bin, cmd), 0o755);
    };
    for (const cmd of [
      'readlink',
      'update-alternatives',
      'ln',
      'rm',
      'chmod',
      'unshare',
      'update-mime-database',
      'update-desktop-database',
      'apparmor_parser',
      'cp',
      'groupadd',
      'useradd',
      'usermod',
      'install',
      'systemctl',
    ])
      stub(cmd);
    stub('apparmor_status', 'exit 1'); // no AppArmor
    stub('getent', 'exit 2'); // no such user or group yet
    stub('id', '[ -n "$2" ] || [ "$1" != -nu ] && [ "$1" != "" ]'); // `id -nu ""` fails
    const script = path.join(dir, `${name}.sh`);
    writeFileSync(script, renderTemplate(`build/linux/${name}.sh`, vars()));
    const r = spawnSync('/bin/bash', [script, ...args], {
      encoding: 'utf8',
      env: { PATH: bin, ...env },
    });
    const calls = existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : [];
    return { status: r.status, stderr: r.stderr, calls };
  }

  it('postinst: creates the user and group, installs, enables and (re)starts the unit', () => {
    const { status, calls, stderr } = runWithStubs('after-install', ['configure'], {
      SUDO_USER: 'officer',
    });
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const unitSource = `${installDir}/resources/linux/station-console.service`;
    expect(calls).toEqual(
      expect.arrayContaining([
        'groupadd --system station-console',
        expect.stringMatching(/^useradd --system --gid station-console .*station-console$/),
        'usermod -aG station-console officer',
        `install -m 0644 ${unitSource} /lib/systemd/system/station-console.service`,
        'systemctl enable station-console.service',
      ]),
    );
    const at = (prefix: string) => calls.findIndex((c) => c.startsWith(prefix));
    expect(at('groupadd')).toBeLessThan(at('useradd'));
    expect(at('install ')).toBeLessThan(at('systemctl enable'));
    // daemon-reload and restart only where systemd runs (not a chroot, not this container).
    const booted = existsSync('/run/systemd/system');
    expect(calls.includes('systemctl daemon-reload')).toBe(booted);
    expect(calls.includes('systemctl restart station-console.service')).toBe(booted);
    // root is never added to the group.
    expect(runWithStubs('after-install', ['configure'], { SUDO_USER: 'root' }).calls).not.toContain(
      'usermod -aG station-console root',
    );
  });

  it('postrm: stops and disables on remove and purge, not on upgrade, and keeps the footage', () => {
    for (const action of ['remove', 'purge']) {
      const { status, calls } = runWithStubs('after-remove', [action]);
      expect(status).toBe(0);
      expect(calls).toContain('systemctl disable station-console.service');
      expect(calls).toContain('rm -f /lib/systemd/system/station-console.service');
      expect(calls.some((c) => c.includes('/var/lib/station-console'))).toBe(false);
      expect(calls.some((c) => c.startsWith('userdel'))).toBe(false);
    }
    const upgrade = runWithStubs('after-remove', ['upgrade']);
    expect(upgrade.status).toBe(0);
    expect(upgrade.calls.some((c) => c.startsWith('systemctl'))).toBe(false);
  });
});
