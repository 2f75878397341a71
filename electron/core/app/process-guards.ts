// Last line of defence for the station process: a promise nobody awaited that
// rejects, or an exception thrown from a callback, is logged and the station keeps
// recording and serving. Node's default would end the process, and with it every
// camera's recording, for one camera's bad input. A process that keeps failing is
// not healthy, though: past a burst it exits non-zero so the service manager
// restarts it clean.
import type { Logger } from '../logging/logger';

export interface ProcessGuardOptions {
  /** More uncaught exceptions than this within `windowMs` end the process. */
  maxUncaught?: number;
  windowMs?: number;
  exit?: (code: number) => void;
  now?: () => number;
}

export function installProcessGuards(
  logger: Logger,
  opts: ProcessGuardOptions = {},
  target: NodeJS.EventEmitter = process,
): () => void {
  const maxUncaught = opts.maxUncaught ?? 10;
  const windowMs = opts.windowMs ?? 60_000;
  const exit = opts.exit ?? ((code: number) => process.exit(code));
  const now = opts.now ?? Date.now;
  let recent: number[] = [];

  const onRejection = (reason: unknown) => {
    logger.error('unhandled promise rejection (the station keeps running)', { err: reason });
  };
  const onException = (err: unknown) => {
    const t = now();
    recent = [...recent.filter((at) => t - at < windowMs), t];
    logger.error('uncaught exception (the station keeps running)', { err, recent: recent.length });
    if (recent.length > maxUncaught) {
      logger.error('too many uncaught exceptions; exiting so the service restarts clean');
      exit(70);
    }
  };
  target.on('unhandledRejection', onRejection);
  target.on('uncaughtException', onException);
  return () => {
    target.off('unhandledRejection', onRejection);
    target.off('uncaughtException', onException);
  };
}
