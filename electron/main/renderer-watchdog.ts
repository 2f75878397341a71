// Brings a crashed or hung console page back by itself: a duty-room screen must
// not stay blank or frozen until someone notices. Each time is logged here and
// reported to the station service, which audits it. Recording never depended on
// the page: it runs in the service.
import type { RenderProcessGoneDetails, WebContents } from 'electron';
import type { ConsoleEventInput } from '../contract/console-schemas';
import type { Logger } from '../core/logging/logger';

export interface WatchdogOptions {
  logger: Logger;
  /** Tells the service (system.consoleEvent); its failure is logged, never thrown. */
  report: (event: ConsoleEventInput) => Promise<unknown>;
  /** How long the page may stay unresponsive before it is restarted. */
  hungAfterMs?: number;
  /** Reloads come at most this often, so a page that crashes at load does not spin. */
  minReloadIntervalMs?: number;
  now?: () => number;
}

export const HUNG_AFTER_MS = 10_000;

/** Watches one web contents; returns a function that stops watching. */
export function watchRenderer(contents: WebContents, opts: WatchdogOptions): () => void {
  const hungAfter = opts.hungAfterMs ?? HUNG_AFTER_MS;
  const minInterval = opts.minReloadIntervalMs ?? 3000;
  const now = opts.now ?? Date.now;
  let hungTimer: ReturnType<typeof setTimeout> | null = null;
  let reloadTimer: ReturnType<typeof setTimeout> | null = null;
  let lastReload = -Infinity;
  /** The next 'render-process-gone' is the one we caused to end a hang. */
  let killedForHang = false;

  const report = (event: ConsoleEventInput) =>
    void opts
      .report(event)
      .catch((err: unknown) =>
        opts.logger.error('could not report to the station service', { kind: event.kind, err }),
      );

  const reload = () => {
    if (reloadTimer || contents.isDestroyed()) return;
    const wait = Math.max(0, lastReload + minInterval - now());
    reloadTimer = setTimeout(() => {
      reloadTimer = null;
      lastReload = now();
      if (!contents.isDestroyed()) contents.reload();
    }, wait);
  };

  const clearHung = () => {
    if (hungTimer) clearTimeout(hungTimer);
    hungTimer = null;
  };

  const onGone = (_event: unknown, details: RenderProcessGoneDetails) => {
    clearHung();
    if (contents.isDestroyed()) return;
    if (killedForHang) {
      killedForHang = false;
      return; // reloaded and reported as a hang already
    }
    opts.logger.error('console page crashed; reloading', {
      reason: details.reason,
      exitCode: details.exitCode,
    });
    reload();
    report({ kind: 'renderer_crashed', reason: details.reason, exitCode: details.exitCode });
  };

  const onUnresponsive = () => {
    if (hungTimer) return;
    hungTimer = setTimeout(() => {
      hungTimer = null;
      if (contents.isDestroyed()) return;
      opts.logger.error('console page hung; restarting it', { hungMs: hungAfter });
      // A hung page cannot run a reload itself: end its process, then load anew.
      // A reload right after forcefullyCrashRenderer loads in a new process (Electron's docs).
      killedForHang = true;
      contents.forcefullyCrashRenderer();
      lastReload = now();
      contents.reload();
      report({ kind: 'renderer_hung' });
    }, hungAfter);
  };

  contents.on('render-process-gone', onGone);
  contents.on('unresponsive', onUnresponsive);
  contents.on('responsive', clearHung);
  return () => {
    clearHung();
    if (reloadTimer) clearTimeout(reloadTimer);
    contents.off('render-process-gone', onGone);
    contents.off('unresponsive', onUnresponsive);
    contents.off('responsive', clearHung);
  };
}
