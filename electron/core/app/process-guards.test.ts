import { EventEmitter } from 'node:events';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Logger } from '../logging/logger';
import { installProcessGuards } from './process-guards';

function memoryLogger(lines: string[]): Logger {
  const log: Logger = {
    debug: () => undefined,
    info: () => undefined,
    warn: () => undefined,
    error: (msg) => lines.push(msg),
    child: () => log,
  };
  return log;
}

describe('process guards', () => {
  it('log an unawaited rejection and an uncaught exception and keep going, up to a burst', () => {
    const lines: string[] = [];
    const exits: number[] = [];
    let t = 0;
    const target = new EventEmitter();
    const remove = installProcessGuards(
      memoryLogger(lines),
      { maxUncaught: 3, windowMs: 1000, exit: (c) => exits.push(c), now: () => t },
      target,
    );
    target.emit('unhandledRejection', new Error('spawn ENOENT'));
    for (let i = 0; i < 3; i++) target.emit('uncaughtException', new Error('boom'));
    expect(exits).toEqual([]);
    t += 2000; // the burst is over: counting starts again
    for (let i = 0; i < 3; i++) target.emit('uncaughtException', new Error('boom'));
    expect(exits).toEqual([]);
    target.emit('uncaughtException', new Error('boom'));
    expect(exits).toEqual([70]);
    expect(lines[0]).toMatch(/unhandled promise rejection/);
    remove();
    expect(target.listenerCount('uncaughtException')).toBe(0);
  });

  it('keep a real process alive through an unhandled rejection', () => {
    const script = `
      const { installProcessGuards } = require(${JSON.stringify(fileURLToPath(new URL('./process-guards.ts', import.meta.url)))});
      installProcessGuards({ error: () => {}, child() { return this; } });
      Promise.reject(new Error('spawn ERR_INVALID_ARG_VALUE'));
      setTimeout(() => { process.stdout.write('still serving'); }, 200);
    `;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { encoding: 'utf8' });
    expect(r.stdout).toBe('still serving');
    expect(r.status).toBe(0);
  });
});
