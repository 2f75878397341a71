// Stands in, inside the page's RPC WebSocket, for channels whose core service is not in
// this build yet, and passes every other frame to the real station untouched. For renderer
// screens only: the domain's own e2e specs drive the real service.
import type { Page, WebSocketRoute } from '@playwright/test';

/** An answer that sends the call on to the real station as another channel (same call id). */
export class ForwardAs {
  constructor(
    readonly channel: string,
    readonly payload: unknown,
  ) {}
}

type Frame = { id?: number | string; channel?: string; payload?: unknown };
type Answer = (payload: unknown) => unknown;

export interface StandIn {
  /** Requests the page sent to stood-in channels, in order. */
  readonly calls: { channel: string; payload: unknown }[];
  /** Pushes an event to the page as main would. */
  emit(event: string, payload: unknown): void;
  /** Rewrites the real station's answer on a channel (e.g. adds data the core fills later). */
  rewrite(channel: string, change: (result: unknown) => unknown): void;
}

export async function standIn(page: Page, answers: Record<string, Answer>): Promise<StandIn> {
  const calls: StandIn['calls'] = [];
  const rewrites = new Map<string, (result: unknown) => unknown>();
  const sockets = new Set<WebSocketRoute>();
  await page.routeWebSocket(/\/rpc/, (ws) => {
    sockets.add(ws);
    const server = ws.connectToServer();
    const pending = new Map<string, string>();
    ws.onMessage((message) => {
      const frame = JSON.parse(String(message)) as Frame;
      const answer = frame.channel ? answers[frame.channel] : undefined;
      if (answer && frame.id !== undefined && frame.channel) {
        calls.push({ channel: frame.channel, payload: frame.payload });
        try {
          const result = answer(frame.payload);
          if (result instanceof ForwardAs) {
            server.send(
              JSON.stringify({ id: frame.id, channel: result.channel, payload: result.payload }),
            );
            return;
          }
          ws.send(JSON.stringify({ id: frame.id, ok: true, result }));
        } catch (e) {
          const error = e as { code?: string; message?: string };
          ws.send(
            JSON.stringify({
              id: frame.id,
              ok: false,
              error: { code: error.code ?? 'internal', message: error.message ?? '' },
            }),
          );
        }
        return;
      }
      if (frame.channel && frame.id !== undefined && rewrites.has(frame.channel))
        pending.set(String(frame.id), frame.channel);
      server.send(message);
    });
    server.onMessage((message) => {
      const frame = JSON.parse(String(message)) as { id?: unknown; ok?: boolean; result?: unknown };
      const channel = frame.id === undefined ? undefined : pending.get(String(frame.id));
      const change = channel ? rewrites.get(channel) : undefined;
      if (change && frame.ok) {
        pending.delete(String(frame.id));
        ws.send(JSON.stringify({ ...frame, result: change(frame.result) }));
        return;
      }
      ws.send(message);
    });
    ws.onClose(() => sockets.delete(ws));
  });
  return {
    calls,
    emit(event, payload) {
      for (const ws of sockets) ws.send(JSON.stringify({ event, payload }));
    },
    rewrite(channel, change) {
      rewrites.set(channel, change);
    },
  };
}
