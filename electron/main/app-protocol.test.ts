// The app:// protocol serves only the built renderer's folder, with the CSP on
// every response; the window's session gets the same CSP on everything else.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { protocol, resetElectron, session } from './testing/fake-electron';
import { APP_SCHEME, isAppUrl, registerAppScheme, serveRenderer } from './app-protocol';
import { CONTENT_SECURITY_POLICY, installCsp } from './csp';

vi.mock('electron', async () => (await import('./testing/fake-electron')).electronModule);

let dir: string;
let root: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'station-protocol-'));
  root = path.join(dir, 'renderer');
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>app</title>');
  writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
  // Beside the renderer folder, and with a name that starts like it: both must stay out of reach.
  writeFileSync(path.join(dir, 'secret.key'), 'KEY');
  mkdirSync(path.join(dir, 'renderer-private'));
  writeFileSync(path.join(dir, 'renderer-private', 'x.txt'), 'PRIVATE');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeEach(() => {
  resetElectron();
  serveRenderer(root);
});

describe('app:// protocol', () => {
  it('is registered as a privileged, secure, standard scheme', () => {
    registerAppScheme();
    expect(protocol.privileged).toEqual([
      {
        scheme: APP_SCHEME,
        privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true },
      },
    ]);
  });

  it('serves the renderer with the CSP header', async () => {
    const index = await protocol.request('app://station/');
    expect(index.status).toBe(200);
    expect(await index.text()).toContain('<title>app</title>');
    expect(index.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    const js = await protocol.request('app://station/assets/app.js');
    expect(await js.text()).toBe('console.log(1)');
  });

  it('refuses paths outside the renderer folder and other hosts', async () => {
    for (const url of [
      'app://station/..%2Fsecret.key',
      'app://station/%2E%2E/secret.key',
      'app://station/assets/..%2F..%2Fsecret.key',
      'app://station/..%2Frenderer-private/x.txt',
      'app://other/index.html',
    ]) {
      const res = await protocol.request(url);
      expect(`${url} → ${res.status}`).toBe(`${url} → 404`);
      expect(await res.text()).not.toMatch(/KEY|PRIVATE/);
    }
  });

  it('names only app://station pages as ours', () => {
    expect(isAppUrl('app://station/index.html')).toBe(true);
    expect(isAppUrl('app://station.evil/index.html')).toBe(false);
    expect(isAppUrl('http://127.0.0.1:4711/')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });
});

describe('CSP on the session', () => {
  it("replaces whatever CSP a response carries with the console's", async () => {
    installCsp(session.defaultSession as never);
    const headers = await session.defaultSession.respond('http://127.0.0.1:4711/reports/r.pdf', {
      'content-security-policy': ["default-src *; script-src 'unsafe-eval'"],
      'Content-Type': ['application/pdf'],
    });
    expect(headers['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(headers['content-security-policy']).toBeUndefined();
    expect(headers['Content-Type']).toEqual(['application/pdf']);
  });
});
