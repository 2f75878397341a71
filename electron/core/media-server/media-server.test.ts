import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { MediaServer, TOKEN_HEADER } from './media-server';

function wsOutcome(url: string, headers: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers });
    ws.on('open', () => {
      ws.close();
      resolve('open');
    });
    ws.on('unexpected-response', (_req, res) => resolve(`http ${res.statusCode}`));
    ws.on('error', (err) => resolve(`error ${err.message}`));
  });
}

describe('MediaServer', () => {
  const server = new MediaServer({ trustedOrigins: ['app://station'] });
  let base: string;
  beforeAll(async () => {
    server.addWsRoute('/echo', (socket) => socket.send('hello'));
    server.addHttpRoute('/files/', (_req, res, url) => res.end(url.pathname));
    server.addHttpRoute('/app/', (_req, res) => res.end('shell'), { tokenRequired: false });
    base = (await server.start()).baseUrl;
  });
  afterAll(() => server.dispose());

  it('listens on 127.0.0.1 with a random port and a 64-hex-digit token', () => {
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.token).toMatch(/^[0-9a-f]{64}$/);
    expect(() => new MediaServer({ host: '0.0.0.0' as '127.0.0.1' })).toThrow();
  });

  it('refuses HTTP without the right token', async () => {
    expect((await fetch(`${base}/files/a`)).status).toBe(401);
    expect((await fetch(`${base}/files/a?token=nope`)).status).toBe(401);
    expect((await fetch(`${base}/files/a?token=${server.token.slice(0, -1)}`)).status).toBe(401);
    const ok = await fetch(`${base}/files/a?token=${server.token}`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('/files/a');
    const byHeader = await fetch(`${base}/files/b`, { headers: { [TOKEN_HEADER]: server.token } });
    expect(byHeader.status).toBe(200);
    // Unknown paths also need the token, so they reveal nothing.
    expect((await fetch(`${base}/other`)).status).toBe(401);
    expect((await fetch(`${base}/other?token=${server.token}`)).status).toBe(404);
    expect((await fetch(`${base}/app/index.html`)).status).toBe(200);
  });

  it('refuses WebSocket upgrades without the right token', async () => {
    const ws = base.replace('http', 'ws');
    expect(await wsOutcome(`${ws}/echo`)).toBe('http 401');
    expect(await wsOutcome(`${ws}/echo?token=wrong`)).toBe('http 401');
    expect(await wsOutcome(`${ws}/echo?token=${server.token}`)).toBe('open');
    expect(await wsOutcome(`${ws}/echo`, { [TOKEN_HEADER]: server.token })).toBe('open');
    expect(await wsOutcome(`${ws}/nowhere?token=${server.token}`)).toBe('http 404');
  });

  it('refuses requests that do not name it as Host or come from a foreign page', async () => {
    const port = new URL(base).port;
    const t = `token=${server.token}`;
    const get = (headers: Record<string, string>) =>
      new Promise<number>((resolve, reject) => {
        // node's fetch will not set Host or Origin by hand; http.get does.
        http
          .get(`${base}/files/a?${t}`, { headers }, (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          })
          .on('error', reject);
      });
    expect(await get({})).toBe(200);
    expect(await get({ origin: `http://127.0.0.1:${port}` })).toBe(200);
    expect(await get({ origin: 'app://station' })).toBe(200);
    expect(await get({ host: `localhost:${port}` })).toBe(200);
    // DNS rebinding: a page at evil.example that resolves to 127.0.0.1.
    expect(await get({ host: `evil.example:${port}` })).toBe(403);
    // A foreign page that learnt the token.
    expect(await get({ origin: 'http://evil.example' })).toBe(403);
    expect(await get({ origin: 'null' })).toBe(403);
    const ws = base.replace('http', 'ws');
    expect(await wsOutcome(`${ws}/echo?${t}`, { origin: 'http://evil.example' })).toBe('http 403');
    expect(await wsOutcome(`${ws}/echo?${t}`, { origin: `http://127.0.0.1:${port}` })).toBe('open');
  });
});
