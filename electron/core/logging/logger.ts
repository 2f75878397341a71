// A tiny leveled logger: JSON lines to <dataDir>/logs/console.log (rotated by
// size) and to stderr. Every message and field passes through redact().
import { appendFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { redact, redactText } from './redact';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  /** A logger whose lines carry `scope`. */
  child(scope: string): Logger;
}

export interface FileLoggerOptions {
  /** Directory for console.log and its rotated copies; null = stderr only. */
  dir: string | null;
  /** The file's name in `dir`; each process writing logs there needs its own (rotation). */
  fileName?: string;
  level?: LogLevel;
  /** Rotate when the file grows past this many bytes. */
  maxBytes?: number;
  /** Rotated files kept: console.log.1 … console.log.N. */
  keep?: number;
  stderr?: boolean;
  now?: () => number;
}

export const LOG_FILE_NAME = 'console.log';

/** Shared sink so child loggers write to the same file and size counter. */
class LogSink {
  private readonly file: string | null;
  private size = 0;

  constructor(
    private readonly opts: Required<Omit<FileLoggerOptions, 'dir'>> & { dir: string | null },
  ) {
    this.file = opts.dir ? join(opts.dir, opts.fileName) : null;
    if (opts.dir) {
      mkdirSync(opts.dir, { recursive: true });
      this.size = existsSync(this.file as string) ? statSync(this.file as string).size : 0;
    }
  }

  write(
    level: LogLevel,
    scope: string | null,
    msg: string,
    fields?: Record<string, unknown>,
  ): void {
    if (RANK[level] < RANK[this.opts.level]) return;
    const record: Record<string, unknown> = {
      t: new Date(this.opts.now()).toISOString(),
      level,
      ...(scope ? { scope } : {}),
      msg: redactText(msg),
      ...(fields ? (redact(fields) as Record<string, unknown>) : {}),
    };
    const line = JSON.stringify(record) + '\n';
    if (this.opts.stderr) process.stderr.write(line);
    if (!this.file) return;
    try {
      if (this.size + line.length > this.opts.maxBytes) this.rotate();
      // Synchronous append: low volume, and the last lines before a crash are the ones we need.
      appendFileSync(this.file, line);
      this.size += Buffer.byteLength(line);
    } catch {
      // A full or read-only disk must not take the console down with it.
    }
  }

  private rotate(): void {
    const file = this.file as string;
    rmSync(`${file}.${this.opts.keep}`, { force: true });
    for (let i = this.opts.keep - 1; i >= 1; i--) {
      if (existsSync(`${file}.${i}`)) renameSync(`${file}.${i}`, `${file}.${i + 1}`);
    }
    if (existsSync(file)) renameSync(file, `${file}.1`);
    this.size = 0;
  }
}

class ScopedLogger implements Logger {
  constructor(
    private readonly sink: LogSink,
    private readonly scope: string | null,
  ) {}
  debug(msg: string, fields?: Record<string, unknown>): void {
    this.sink.write('debug', this.scope, msg, fields);
  }
  info(msg: string, fields?: Record<string, unknown>): void {
    this.sink.write('info', this.scope, msg, fields);
  }
  warn(msg: string, fields?: Record<string, unknown>): void {
    this.sink.write('warn', this.scope, msg, fields);
  }
  error(msg: string, fields?: Record<string, unknown>): void {
    this.sink.write('error', this.scope, msg, fields);
  }
  child(scope: string): Logger {
    return new ScopedLogger(this.sink, this.scope ? `${this.scope}.${scope}` : scope);
  }
}

export function createLogger(opts: FileLoggerOptions): Logger {
  const sink = new LogSink({
    dir: opts.dir,
    fileName: opts.fileName ?? LOG_FILE_NAME,
    level: opts.level ?? 'info',
    maxBytes: opts.maxBytes ?? 5 * 1024 * 1024,
    keep: opts.keep ?? 3,
    stderr: opts.stderr ?? true,
    now: opts.now ?? Date.now,
  });
  return new ScopedLogger(sink, null);
}

/** For tests and callers that want no output. */
export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silentLogger,
};
