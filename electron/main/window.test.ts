// The window's security settings and the guards on every web contents, against
// the fake electron module (Electron's binary cannot run here).
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  app,
  FakeBrowserWindow,
  FakeEvent,
  FakeWebContents,
  resetElectron,
  session,
} from './testing/fake-electron';
import { APP_ENTRY } from './app-protocol';
import { guardAllWebContents, guardPermissions } from './contents-guard';
import { createMainWindow } from './window';

vi.mock('electron', async () => (await import('./testing/fake-electron')).electronModule);

const REPORT = 'http://127.0.0.1:4711/reports/r1.pdf';
const isReportUrl = (url: string) => url.startsWith('http://127.0.0.1:4711/reports/');

function openWindow(): FakeBrowserWindow {
  return createMainWindow({
    preloadPath: '/app/preload.cjs',
    url: APP_ENTRY,
    title: 'Trực ban Camera',
    isReportUrl,
  }) as unknown as FakeBrowserWindow;
}

beforeEach(() => resetElectron());

describe('main window', () => {
  it('is isolated, sandboxed, without Node, with web security, and loads the app entry', () => {
    const win = openWindow();
    const p = win.options.webPreferences as Record<string, unknown>;
    expect(p.preload).toBe('/app/preload.cjs');
    // Each must hold on its own: on, on, on …
    expect([p.contextIsolation, p.sandbox, p.webSecurity]).toEqual([true, true, true]);
    // … and off, off, off, off.
    const off = [p.nodeIntegration, p.nodeIntegrationInWorker, p.allowRunningInsecureContent];
    expect([...off, p.webviewTag]).toEqual([false, false, false, false]);
    expect(win.webContents.getURL()).toBe(APP_ENTRY);
  });

  it('never navigates away from the app', () => {
    const wc = openWindow().webContents;
    expect(wc.navigate('app://station/index.html#/playback')).toBe(true);
    expect(wc.navigate('https://example.com/')).toBe(false);
    expect(wc.navigate('file:///etc/passwd')).toBe(false);
    expect(wc.navigate('app://elsewhere/index.html')).toBe(false);
    expect(wc.navigate('https://example.com/', 'will-redirect')).toBe(false);
    expect(wc.getURL()).toBe('app://station/index.html#/playback');
  });

  it('opens only report PDFs in a window of their own, without preload; denies the rest', () => {
    const wc = openWindow().webContents;
    const report = wc.openWindow(REPORT);
    expect(report.action).toBe('allow');
    const prefs = (
      report.overrideBrowserWindowOptions as { webPreferences: Record<string, unknown> }
    ).webPreferences;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(prefs.preload).toBeUndefined();
    expect(wc.openWindow('https://example.com/').action).toBe('deny');
    expect(wc.openWindow('http://127.0.0.1:4711/media/cam1').action).toBe('deny');
    expect(wc.attachWebview()).toBe(false);
  });
});

describe('guards on every web contents', () => {
  it('stop navigation, webviews and new windows in contents the shell did not build', () => {
    guardAllWebContents(isReportUrl);
    const wc = new FakeWebContents();
    app.emit('web-contents-created', new FakeEvent(), wc);
    expect(wc.navigate('https://example.com/')).toBe(false);
    expect(wc.navigate(REPORT)).toBe(true);
    expect(wc.attachWebview()).toBe(false);
    expect(wc.openWindow('https://example.com/').action).toBe('deny');
    expect(wc.openWindow(REPORT).action).toBe('allow');
  });

  it('grants fullscreen and nothing else', async () => {
    guardPermissions(session.defaultSession as never);
    const s = session.defaultSession;
    expect(await s.requestPermission('fullscreen')).toBe(true);
    for (const p of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read'])
      expect(await s.requestPermission(p)).toBe(false);
    expect(s.permissionCheckHandler?.(null, 'media')).toBe(false);
    expect(s.permissionCheckHandler?.(null, 'fullscreen')).toBe(true);
  });
});
