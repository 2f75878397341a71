// The fake device's PullPoint subscriptions: events a test emits are queued per
// subscription; PullMessages long-polls up to 1 s for them. A new subscription first
// gets the current state of every topic seen so far (PropertyOperation Initialized),
// as cameras send it, so an event emitted before the station subscribed is not lost.
import type { NotificationItem } from './soap-replies';

export const MAX_PULL_WAIT_MS = 1000;

interface Subscription {
  id: number;
  queue: NotificationItem[];
  expiresAt: number;
  wake: (() => void) | null;
}

/** PT2M, PT60S, PT1H30M → ms; null when it is not such a duration. */
export function isoDurationMs(text: string | undefined): number | null {
  const m = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?$/.exec((text ?? '').trim());
  if (!m || (!m[1] && !m[2] && !m[3])) return null;
  return ((Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0)) * 60 + Number(m[3] ?? 0)) * 1000;
}

export class PullPoints {
  private readonly subs = new Map<number, Subscription>();
  private readonly topicState = new Map<string, NotificationItem>();
  private nextId = 1;
  private closed = false;

  create(ttlMs: number): { id: number; expiresAt: number } {
    const id = this.nextId++;
    const initial = [...this.topicState.values()].map((m) => ({
      ...m,
      operation: 'Initialized' as const,
    }));
    const sub: Subscription = { id, queue: initial, expiresAt: Date.now() + ttlMs, wake: null };
    this.subs.set(id, sub);
    return { id, expiresAt: sub.expiresAt };
  }

  exists(id: number): boolean {
    const sub = this.subs.get(id);
    if (sub && sub.expiresAt < Date.now()) this.remove(id);
    return this.subs.has(id);
  }

  renew(id: number, ttlMs: number): number {
    const sub = this.subs.get(id)!;
    sub.expiresAt = Date.now() + ttlMs;
    return sub.expiresAt;
  }

  expiresAt(id: number): number {
    return this.subs.get(id)?.expiresAt ?? Date.now();
  }

  remove(id: number): void {
    const sub = this.subs.get(id);
    this.subs.delete(id);
    sub?.wake?.();
  }

  emit(item: NotificationItem): void {
    this.topicState.set(item.topic, item);
    for (const sub of this.subs.values()) {
      sub.queue.push(item);
      sub.wake?.();
    }
  }

  /** Waits up to min(waitMs, 1 s) for messages, then takes up to `limit` of them. */
  async pull(id: number, waitMs: number, limit: number): Promise<NotificationItem[]> {
    const sub = this.subs.get(id);
    if (!sub) return [];
    if (sub.queue.length === 0 && !this.closed) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, Math.min(waitMs, MAX_PULL_WAIT_MS));
        function done() {
          clearTimeout(timer);
          sub!.wake = null;
          resolve();
        }
        sub.wake = done;
      });
    }
    return sub.queue.splice(0, Math.max(1, limit));
  }

  /** Releases every waiting PullMessages (the device is closing). */
  close(): void {
    this.closed = true;
    for (const sub of this.subs.values()) sub.wake?.();
  }
}
