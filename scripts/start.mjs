// Starts the console: in Electron when its binary is available (or can be fetched),
// otherwise in browser mode — the same renderer in Chromium's app window. Either way
// the console is a client of the station service, which it starts (detached) when
// none is running; closing the console leaves the service recording.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir, platform } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const forceBrowser = args.includes('--browser');
const headless = args.includes('--no-window');

function defaultDataDir() {
  if (process.env.STATION_DATA_DIR) return process.env.STATION_DATA_DIR;
  if (platform() === 'win32') return join(process.env.APPDATA ?? homedir(), 'station-console');
  return join(process.env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'station-console');
}

function electronBinary() {
  try {
    const bin = require('electron');
    if (typeof bin === 'string' && existsSync(bin)) return bin;
    // The electron package fetches its binary on demand; that needs the internet.
    const r = spawnSync(process.execPath, [require.resolve('electron/install.js')], {
      stdio: 'inherit',
      timeout: 120_000,
    });
    const again = r.status === 0 ? require('electron') : null;
    return typeof again === 'string' && existsSync(again) ? again : null;
  } catch {
    return null;
  }
}

const dataDir = defaultDataDir();
// Owner-only, as the core keeps it (electron/core/storage/owner-only.ts).
mkdirSync(dataDir, { recursive: true, mode: 0o700 });

if (!forceBrowser) {
  const bin = electronBinary();
  if (bin) {
    const child = spawn(bin, ['.'], { stdio: 'inherit' });
    child.on('exit', (code) => process.exit(code ?? 0));
    process.on('SIGINT', () => child.kill('SIGINT'));
    process.on('SIGTERM', () => child.kill('SIGTERM'));
  } else {
    console.log('Electron chưa có trên máy này — mở bảng điều khiển trong trình duyệt Chromium.');
    console.log('Electron is not available here — opening the console in Chromium instead.');
    startBrowserMode();
  }
} else {
  startBrowserMode();
}

function startBrowserMode() {
  // The console as a client of the station service (started detached when none runs).
  const args = ['dist/electron/browser-console.cjs', '--data-dir', dataDir];
  if (headless) args.push('--no-window');
  const child = spawn(process.execPath, args, { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
  process.on('SIGINT', () => child.kill('SIGINT'));
  process.on('SIGTERM', () => child.kill('SIGTERM'));
}
