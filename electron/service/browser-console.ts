// The console in a Chromium app window, where Electron's binary is not available:
// a client of the station service. It finds the running service (its runtime
// file), or starts one detached that outlives this window; then it opens the
// window and waits for it to close. Closing the window ends only this process:
// the service records on.
//
//   --data-dir DIR   station data (default: the user's data folder)
//   --no-window      start or find the service and print the console's address
//
// Prints one JSON line when the service answers: {"service":{"pid":…,"started":bool},…}
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { consoleUrl, runtimeFileIn } from '../core/service/runtime-file';
import {
  ServiceStartError,
  defaultDataDir,
  findOrStartService,
  runtimeFileCandidates,
} from '../core/service/service-locator';

const CHROMIUM_CANDIDATES = [
  process.env.CHROMIUM_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  'C:/Program Files/Google/Chrome/Application/chrome.exe',
  'C:/Program Files (x86)/Microsoft/Edge/Application/msedge.exe',
];

function findChromium(): string | null {
  return CHROMIUM_CANDIDATES.find((p): p is string => !!p && existsSync(p)) ?? null;
}

/**
 * The launch token must not go on Chromium's command line, where any user of the PC
 * reads it (ps). A page in the owner-only data folder forwards the window to the
 * console's address instead; it is removed once the window has had time to read it.
 */
function launchPage(dataDir: string, url: string): string {
  const file = path.join(dataDir, 'console-launch.html');
  const target = JSON.stringify(url).replace(/</g, '\\u003c');
  writeFileSync(
    file,
    `<!doctype html><meta charset="utf-8"><title>Trực ban Camera</title><script>location.replace(${target})</script>`,
    { mode: 0o600 },
  );
  setTimeout(() => rmSync(file, { force: true }), 15_000).unref();
  return pathToFileURL(file).href;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      'no-window': { type: 'boolean' },
    },
    strict: true,
  });
  const dataDir = path.resolve(values['data-dir'] ?? defaultDataDir());
  // Owner-only, as the core keeps it (electron/core/storage/owner-only.ts).
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const here = path.dirname(fileURLToPath(import.meta.url));
  const { runtime, started } = await findOrStartService(runtimeFileCandidates(dataDir), {
    command: process.execPath,
    args: [path.join(here, 'station-service.cjs'), '--data-dir', dataDir, '--demo', 'auto'],
    runtimeFile: runtimeFileIn(dataDir),
    logFile: path.join(dataDir, 'logs', 'service-start.log'),
  });
  process.stdout.write(
    JSON.stringify({ service: { pid: runtime.pid, started }, dataDir: runtime.dataDir }) + '\n',
  );
  console.log(
    started
      ? `Đã khởi động dịch vụ trạm (pid ${runtime.pid}) / started the station service`
      : `Dịch vụ trạm đang chạy (pid ${runtime.pid}) / the station service is running`,
  );
  const url = consoleUrl(runtime);
  const chromium = values['no-window'] ? null : findChromium();
  if (!chromium) {
    // The address carries the launch token: shown only when a person must open it.
    console.log(`Bảng điều khiển / console: ${url}`);
    if (!values['no-window'])
      console.log('Mở địa chỉ trên bằng Chromium / open the address above in Chromium.');
    return;
  }
  const flags = [
    `--app=${launchPage(dataDir, url)}`,
    `--user-data-dir=${path.join(dataDir, 'chromium-profile')}`,
    '--no-first-run',
    '--disable-background-networking',
    '--autoplay-policy=no-user-gesture-required',
    '--start-maximized',
    '--disable-features=Translate',
    // Chromium's own widgets (date fields: dd/mm/yyyy) follow its UI language, not the page's.
    '--lang=vi',
  ];
  if (process.getuid?.() === 0) flags.push('--no-sandbox');
  const openedAt = Date.now();
  // On Linux Chromium takes its UI language from LANGUAGE; --lang alone is not enough.
  const browser = spawn(chromium, flags, {
    stdio: 'ignore',
    env: { ...process.env, LANGUAGE: 'vi' },
  });
  const closeWindow = () => browser.kill('SIGTERM');
  process.on('SIGINT', closeWindow);
  process.on('SIGTERM', closeWindow);
  browser.on('exit', () => {
    // A window that dies at once (no display, say) leaves the console reachable by its address.
    if (Date.now() - openedAt < 5000) {
      console.log(`Bảng điều khiển / console: ${url}`);
      console.log('Không mở được cửa sổ Chromium; mở địa chỉ trên bằng trình duyệt.');
      console.log('Could not open a Chromium window; open the address above in a browser.');
    } else {
      console.log(
        'Đã đóng bảng điều khiển; dịch vụ trạm vẫn ghi hình. / Console closed; the station service keeps recording.',
      );
    }
  });
}

main().catch((err: unknown) => {
  const message =
    err instanceof ServiceStartError || err instanceof Error ? err.message : String(err);
  process.stderr.write(`${message}\n`);
  process.exit(1);
});
