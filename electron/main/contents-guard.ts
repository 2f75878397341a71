// Guards every web contents the app ever creates — the main window, a report
// window, anything a future change opens — not only the ones we built by hand
// (https://www.electronjs.org/docs/latest/tutorial/security#13-disable-or-limit-creation-of-new-windows):
// no webviews, no navigation away from the app, no new windows beyond what the
// window's own handler allows, and only the fullscreen permission ever granted.
import { app, session, type Session } from 'electron';
import { isAppUrl } from './app-protocol';

/** What a page of ours may be granted: fullscreen for a camera tile. Nothing else. */
const ALLOWED_PERMISSIONS = new Set(['fullscreen']);

export function guardPermissions(s: Session = session.defaultSession): void {
  // The request handler answers prompts; the check handler answers silent queries
  // (navigator.permissions, media device lists) that never prompt.
  s.setPermissionRequestHandler((_wc, permission, callback) =>
    callback(ALLOWED_PERMISSIONS.has(permission)),
  );
  s.setPermissionCheckHandler((_wc, permission) => ALLOWED_PERMISSIONS.has(permission));
}

/**
 * Call before any window opens. `isAllowedUrl` names the non-app pages a window may
 * show (the media server's report PDFs).
 */
export function guardAllWebContents(isAllowedUrl: (url: string) => boolean): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
    const stayInApp = (event: Electron.Event, url: string) => {
      if (!isAppUrl(url) && !isAllowedUrl(url)) event.preventDefault();
    };
    contents.on('will-navigate', stayInApp);
    contents.on('will-redirect', stayInApp);
    // A window's own handler may allow a report; everything else is denied here.
    contents.setWindowOpenHandler(({ url }) =>
      isAllowedUrl(url) ? { action: 'allow' } : { action: 'deny' },
    );
  });
}
