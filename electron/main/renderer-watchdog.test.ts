// A crashed or hung page is reloaded, logged and reported; a page that only
// stalls briefly is left alone. Real logger to a temp folder, fake web contents.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConsoleEventInput } from '../contract/console-schemas';
import { createLogger, type Logger } from '../core/logging/logger';
import { FakeEvent, FakeWebContents, resetElectron } from './testing/fake-electron';
import { watchRenderer } from './renderer-watchdog';

vi.mock('electron', async () => (await import('./testing/fake-electron')).electronModule);

let dir: string;
let logger: Logger;
let reports: ConsoleEventInput[];
let wc: FakeWebContents;
let stop: () => void;

const logLines = () =>
  readFileSync(path.join(dir, 'w.log'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Waits (bounded) until `check` holds. */
async function until(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await sleep(10);
  }
}

function watch(opts: { hungAfterMs?: number; minReloadIntervalMs?: number } = {}) {
  stop = watchRenderer(wc as never, {
    logger,
    report: async (e) => {
      reports.push(e);
    },
    hungAfterMs: opts.hungAfterMs ?? 300,
    minReloadIntervalMs: opts.minReloadIntervalMs ?? 0,
  });
}

beforeEach(() => {
  resetElectron();
  dir = mkdtempSync(path.join(tmpdir(), 'station-watchdog-'));
  logger = createLogger({ dir, fileName: 'w.log', stderr: false });
  reports = [];
  wc = new FakeWebContents();
});
afterEach(() => {
  stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('renderer watchdog', () => {
  it('reloads a crashed page, logs it and reports it', async () => {
    watch();
    wc.emit('render-process-gone', new FakeEvent(), { reason: 'oom', exitCode: 133 });
    await until(() => wc.reloads === 1 && reports.length === 1);
    expect(reports).toEqual([{ kind: 'renderer_crashed', reason: 'oom', exitCode: 133 }]);
    expect(logLines()).toContainEqual(
      expect.objectContaining({ level: 'error', reason: 'oom', exitCode: 133 }),
    );
  });

  it('restarts a page unresponsive past the limit in a new process, once, reported as a hang', async () => {
    watch({ hungAfterMs: 300 });
    wc.emit('unresponsive');
    // Still under the limit: nothing may happen yet (a fixed wait is the point).
    await sleep(100);
    expect(wc.crashes).toBe(0);
    await until(() => wc.crashes === 1 && reports.length === 1);
    expect(wc.reloads).toBe(1);
    // The process it ended reports itself gone: that is not a second incident.
    await sleep(100);
    expect(wc.reloads).toBe(1);
    expect(reports).toEqual([{ kind: 'renderer_hung' }]);
    expect(logLines()).toContainEqual(expect.objectContaining({ level: 'error', hungMs: 300 }));
  });

  it('leaves a page alone that answers again before the limit', async () => {
    watch({ hungAfterMs: 300 });
    wc.emit('unresponsive');
    await sleep(100);
    wc.emit('responsive');
    // Past the limit: nothing may happen (a fixed wait is the point).
    await sleep(400);
    expect({ crashes: wc.crashes, reloads: wc.reloads, reports: reports.length }).toEqual({
      crashes: 0,
      reloads: 0,
      reports: 0,
    });
  });

  it('spaces reloads of a page that crashes again and again', async () => {
    watch({ minReloadIntervalMs: 400 });
    wc.emit('render-process-gone', new FakeEvent(), { reason: 'crashed', exitCode: 1 });
    await until(() => wc.reloads === 1);
    wc.emit('render-process-gone', new FakeEvent(), { reason: 'crashed', exitCode: 1 });
    // Within the spacing: no second reload yet (a fixed wait is the point).
    await sleep(150);
    expect(wc.reloads).toBe(1);
    await until(() => wc.reloads === 2);
    expect(reports).toHaveLength(2);
  });

  it('does nothing for a window being closed', async () => {
    watch();
    wc.destroy();
    wc.emit('render-process-gone', new FakeEvent(), { reason: 'clean-exit', exitCode: 0 });
    // Nothing may happen (a fixed wait is the point).
    await sleep(50);
    expect({ reloads: wc.reloads, reports: reports.length }).toEqual({ reloads: 0, reports: 0 });
  });
});
