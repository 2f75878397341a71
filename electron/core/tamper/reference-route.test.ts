import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inflateSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import type { HttpRouteHandler } from '../media-server/types';
import type { Reference } from './reference-store';
import { registerTamperRoutes } from './reference-route';

let server: Server | null = null;
afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

async function serve(refs: Record<string, Reference>): Promise<string> {
  let handler: HttpRouteHandler | null = null;
  registerTamperRoutes(
    { addWsRoute: () => undefined, addHttpRoute: (_p, h) => (handler = h) },
    {
      tamper: { reference: async (camera, slot) => refs[`${camera}/${slot}`] ?? null },
      canView: (session) => session === 'ok',
    },
  );
  server = createServer((req, res) => handler!(req, res, new URL(req.url!, 'http://x')));
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/tamper/reference.png`;
}

describe('/tamper/reference.png', () => {
  it('serves the reference as a grey PNG to a signed-in session only', async () => {
    const y = Uint8Array.from({ length: 160 * 90 }, (_, i) => i % 200);
    const base = await serve({
      'cam-1/colour': {
        slot: 'colour',
        picture: { width: 160, height: 90, y },
        edgeEnergy: 10,
        takenAt: 1,
        takenBy: null,
      },
    });
    const ok = await fetch(`${base}?camera=cam-1&slot=colour&session=ok`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('image/png');
    const png = Buffer.from(await ok.arrayBuffer());
    const rows = inflateSync(png.subarray(41, 41 + png.readUInt32BE(33)));
    expect(rows[1 + 5]).toBe(5);
    expect((await fetch(`${base}?camera=cam-1&slot=colour&session=no`)).status).toBe(403);
    expect((await fetch(`${base}?camera=cam-1&slot=mono&session=ok`)).status).toBe(404);
    expect((await fetch(`${base}?camera=../x&slot=colour&session=ok`)).status).toBe(400);
    expect((await fetch(`${base}?camera=cam-1&slot=evil&session=ok`)).status).toBe(400);
  });
});
