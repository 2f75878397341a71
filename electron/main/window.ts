// The main window with Electron's security defaults on
// (https://www.electronjs.org/docs/latest/tutorial/security): isolated, sandboxed,
// no Node in the page, no navigation away from the app, and no new windows except
// the core's printable reports (PDF), opened without preload in Chromium's viewer.
import { BrowserWindow } from 'electron';
import { isAppUrl } from './app-protocol';

export interface MainWindowOptions {
  preloadPath: string;
  url: string;
  title: string;
  iconPath?: string;
  /** URLs the page may open in a window of their own (the media server's report PDFs). */
  isReportUrl?: (url: string) => boolean;
}

export function createMainWindow(opts: MainWindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    width: 1600,
    height: 900,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    title: opts.title,
    backgroundColor: '#101418',
    autoHideMenuBar: true,
    ...(opts.iconPath ? { icon: opts.iconPath } : {}),
    webPreferences: {
      preload: opts.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      // A duty-room console stays live when another window covers it.
      backgroundThrottling: false,
    },
  });
  win.webContents.setWindowOpenHandler(({ url }) =>
    opts.isReportUrl?.(url)
      ? {
          action: 'allow',
          overrideBrowserWindowOptions: {
            width: 900,
            height: 1100,
            autoHideMenuBar: true,
            // No preload: the report window cannot reach the contract.
            webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false },
          },
        }
      : { action: 'deny' },
  );
  win.webContents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  win.webContents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  win.webContents.on('will-attach-webview', (event) => event.preventDefault());
  win.once('ready-to-show', () => {
    win.maximize();
    win.show();
  });
  void win.loadURL(opts.url);
  return win;
}
