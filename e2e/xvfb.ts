// A virtual X display for tests that open a real window (the launcher's Chromium
// app window). Local sockets only (-nolisten tcp).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';

const XVFB = '/usr/bin/Xvfb';

export interface VirtualDisplay {
  display: string;
  stop(): Promise<void>;
}

export async function startXvfb(): Promise<VirtualDisplay> {
  if (!existsSync(XVFB))
    throw new Error(
      `${XVFB} is missing: install the Debian package xvfb (scripts/bootstrap.sh test)`,
    );
  // A display number unlikely to be taken; a taken one fails fast and the next is tried.
  for (let attempt = 0; attempt < 5; attempt++) {
    const n = 90 + Math.floor(Math.random() * 400);
    const child: ChildProcess = spawn(
      XVFB,
      [`:${n}`, '-screen', '0', '1600x900x24', '-nolisten', 'tcp'],
      { stdio: 'ignore' },
    );
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    const socket = `/tmp/.X11-unix/X${n}`;
    let up = false;
    // Bounded: 10 s at 100 ms.
    for (let i = 0; i < 100 && child.exitCode === null; i++) {
      if (existsSync(socket)) {
        up = true;
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    if (up)
      return {
        display: `:${n}`,
        stop: async () => {
          child.kill('SIGTERM');
          await exited;
        },
      };
    child.kill('SIGKILL');
    await exited;
  }
  throw new Error('Xvfb did not start on any of 5 display numbers');
}
