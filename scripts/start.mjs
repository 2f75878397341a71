// Starts the console: in Electron when its binary is available (or can be fetched),
// otherwise in browser mode — the same core and renderer, shown in Chromium's app window.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir, platform } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';

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

function findChromium() {
  const candidates = [
    process.env.CHROMIUM_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    'C:/Program Files/Google/Chrome/Application/chrome.exe',
    'C:/Program Files (x86)/Microsoft/Edge/Application/msedge.exe',
  ];
  return candidates.find((p) => p && existsSync(p)) ?? null;
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

/**
 * The launch token must not go on Chromium's command line, where any user of the PC
 * reads it (ps). A page in the owner-only data folder forwards the window to the
 * console's address instead; it is removed once the window has had time to read it.
 */
function launchPage(consoleUrl) {
  const file = join(dataDir, 'console-launch.html');
  const target = JSON.stringify(consoleUrl).replace(/</g, '\\u003c');
  writeFileSync(
    file,
    `<!doctype html><meta charset="utf-8"><title>Trực ban Camera</title><script>location.replace(${target})</script>`,
    { mode: 0o600 },
  );
  setTimeout(() => rmSync(file, { force: true }), 15_000).unref();
  return pathToFileURL(file).href;
}

function startBrowserMode() {
  const server = spawn(
    process.execPath,
    ['dist/electron/station-service.cjs', '--data-dir', dataDir, '--demo', 'auto'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let browser = null;
  const stop = () => {
    browser?.kill('SIGTERM');
    server.kill('SIGINT');
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  server.on('exit', (code) => process.exit(code ?? 0));

  const lines = createInterface({ input: server.stdout });
  lines.on('line', (line) => {
    let msg = null;
    try {
      msg = JSON.parse(line);
    } catch {
      console.log(line);
      return;
    }
    if (!msg?.ready || browser) return;
    console.log(`Dữ liệu / data: ${dataDir}`);
    const chromium = headless ? null : findChromium();
    if (!chromium) {
      // The address carries the launch token: shown only when a person must open it.
      console.log(`Bảng điều khiển / console: ${msg.url}`);
      if (!headless)
        console.log('Mở địa chỉ trên bằng Chromium / open the address above in Chromium.');
      return;
    }
    const flags = [
      `--app=${launchPage(msg.url)}`,
      `--user-data-dir=${join(dataDir, 'chromium-profile')}`,
      '--no-first-run',
      '--disable-background-networking',
      '--autoplay-policy=no-user-gesture-required',
      '--start-maximized',
      '--disable-features=Translate',
    ];
    if (process.getuid?.() === 0) flags.push('--no-sandbox');
    const openedAt = Date.now();
    browser = spawn(chromium, flags, { stdio: 'ignore' });
    browser.on('exit', () => {
      // A window that dies at once (no display, say) leaves the console reachable by its address.
      if (Date.now() - openedAt < 5000) {
        console.log(`Bảng điều khiển / console: ${msg.url}`);
        console.log('Không mở được cửa sổ Chromium; mở địa chỉ trên bằng trình duyệt.');
        console.log('Could not open a Chromium window; open the address above in a browser.');
        return;
      }
      server.kill('SIGINT'); // the officer closed the console window
    });
  });
}
