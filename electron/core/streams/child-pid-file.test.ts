// The pid file of the service's ffmpeg children: at start the service kills what its
// killed predecessor listed, but only what is still that ffmpeg (a pid reused by
// another program, or by another ffmpeg since, is left alone); then it lists its own.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CHILD_PID_FILE, trackChildren } from './child-pid-file';
import { spawnTree } from './process-tree';
import { TEST_FFMPEG } from './testing/ffmpeg-bin';

const FFMPEG = TEST_FFMPEG;
const procs: ChildProcess[] = [];
let dir = '';

afterEach(() => {
  for (const p of procs.splice(0))
    if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function startTicks(pid: number): string {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]!;
}

/** A long-running ffmpeg, as a recorder left by a service killed without setpriv would be. */
function strayFfmpeg(): ChildProcess {
  const p = spawn(
    FFMPEG,
    ['-v', 'error', '-re', '-f', 'lavfi', '-i', 'nullsrc=s=16x16:r=1', '-f', 'null', '-'],
    {
      stdio: 'ignore',
    },
  );
  procs.push(p);
  return p;
}

const exited = (p: ChildProcess) =>
  p.exitCode !== null || p.signalCode !== null
    ? Promise.resolve()
    : new Promise<void>((r) => p.once('exit', () => r()));

describe.runIf(process.platform === 'linux')('trackChildren', () => {
  it('kills the listed ffmpeg that is still the same process, and nothing else', async () => {
    dir = mkdtempSync(join(tmpdir(), 'child-pids-'));
    const stray = strayFfmpeg();
    const reused = strayFfmpeg(); // listed with another start time: a pid reused since
    const sleeper = spawn('sleep', ['30'], { stdio: 'ignore' });
    procs.push(sleeper);
    // Until each has exec'd its program (before, /proc shows the forked node).
    const image = (p: ChildProcess) =>
      readFileSync(`/proc/${p.pid}/cmdline`, 'utf8').split('\0')[0];
    await vi.waitFor(
      () => expect([stray, reused, sleeper].map(image)).toEqual([FFMPEG, FFMPEG, 'sleep']),
      5000,
    );
    writeFileSync(
      join(dir, CHILD_PID_FILE),
      [
        `${stray.pid} ${startTicks(stray.pid!)}`,
        `${reused.pid} 1`,
        `${sleeper.pid} ${startTicks(sleeper.pid!)}`,
        '999999999 -',
        'garbage',
      ].join('\n'),
    );
    const tracking = await trackChildren(dir);
    try {
      expect(tracking.killed).toEqual([stray.pid]);
      await exited(stray);
      expect(stray.signalCode).toBe('SIGKILL');
      expect(reused.exitCode === null && reused.signalCode === null).toBe(true);
      expect(sleeper.exitCode === null && sleeper.signalCode === null).toBe(true);

      // From now on every child spawnTree starts is listed, and unlisted when it exits.
      const child = spawnTree(FFMPEG, [
        '-v',
        'error',
        '-f',
        'lavfi',
        '-i',
        'nullsrc=s=16x16:r=1',
        '-t',
        '1',
        '-f',
        'null',
        '-',
      ]);
      procs.push(child);
      const listed = () => readFileSync(join(dir, CHILD_PID_FILE), 'utf8');
      // Bounded: the file is rewritten within milliseconds of a change.
      for (let i = 0; i < 50 && !listed().includes(`${child.pid} `); i++)
        await new Promise((r) => setTimeout(r, 20));
      expect(listed()).toContain(`${child.pid} ${startTicks(child.pid!)}`);
      expect(listed()).not.toContain(`${stray.pid} `);
      await exited(child);
      for (let i = 0; i < 50 && listed().includes(`${child.pid} `); i++)
        await new Promise((r) => setTimeout(r, 20));
      expect(listed()).not.toContain(`${child.pid} `);
    } finally {
      tracking.stop();
    }
  });
});
