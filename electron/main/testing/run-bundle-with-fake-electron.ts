// Loaded with `node --import tsx --import <this file> dist/electron/main.cjs`: the
// built shell then requires this folder's fake electron module instead of the
// binary's, and the fake plays a short session: ready, the window opens, the
// officer closes it. One JSON line on stdout says what the shell did.
import Module from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const fakePath = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fake-electron.ts');
const moduleInternals = Module as unknown as {
  _resolveFilename: (request: string, ...rest: unknown[]) => string;
};
const resolve = moduleInternals._resolveFilename;
moduleInternals._resolveFilename = function (request: string, ...rest: unknown[]) {
  return request === 'electron' ? fakePath : resolve.call(this, request, ...rest);
};

// The same instance the bundle will get from require('electron').
const fake = Module.createRequire(import.meta.url)(fakePath) as typeof import('./fake-electron');
const { app, FakeBrowserWindow, ipcMain } = fake;

// Electron is ready only after the main script's first run, when the shell asks.
const whenReady = app.whenReady.bind(app);
app.whenReady = () => {
  setImmediate(() => app.ready());
  return whenReady();
};
let report: Record<string, unknown> = { window: false };
app.on('web-contents-created', () => {
  // Let the shell finish opening the window, then note what it did and close it.
  setImmediate(() => {
    const win = FakeBrowserWindow.all[0];
    report = {
      window: true,
      preload: (win?.options.webPreferences as { preload?: string } | undefined)?.preload,
      url: win?.webContents.getURL(),
      handlers: ipcMain.handlers.size,
    };
    win?.close();
  });
});
void app.exited.then((code) => {
  process.stdout.write(
    JSON.stringify({ ...report, timeline: fake.timeline, exitCode: code }) + '\n',
  );
  process.exit(code);
});
