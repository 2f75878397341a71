// Sends the console's Content-Security-Policy (core/app/content-security-policy.ts)
// with every response the window's session receives.
import type { Session } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../core/app/content-security-policy';

export { CONTENT_SECURITY_POLICY };

/** Adds the CSP header to every response the session receives (Electron security checklist #7). */
export function installCsp(session: Session): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers = { ...(details.responseHeaders ?? {}) };
    for (const key of Object.keys(headers)) {
      if (key.toLowerCase() === 'content-security-policy') delete headers[key];
    }
    headers['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
    callback({ responseHeaders: headers });
  });
}
