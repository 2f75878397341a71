import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { processExists, waitFor } from './test-helpers';

describe.skipIf(process.platform !== 'linux')('spawnTree', () => {
  it('ffmpeg does not outlive a station process killed with -9', async () => {
    const treeModule = fileURLToPath(new URL('./process-tree.ts', import.meta.url));
    // A stand-in station: spawns one endless ffmpeg and reports its pid.
    const station = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '-e',
        `const c = require(${JSON.stringify(treeModule)}).spawnTree('/usr/bin/ffmpeg',` +
          ` ['-hide_banner', '-re', '-f', 'lavfi', '-i', 'testsrc=size=64x64:rate=5', '-f', 'null', '-']);` +
          ` process.stdout.write(String(c.pid)); setInterval(() => {}, 1000);`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const pid = Number(
      await new Promise<string>((resolve) =>
        station.stdout.once('data', (d) => resolve(String(d))),
      ),
    );
    expect(await waitFor(() => processExists(pid), 5000)).toBe(true);
    const gone = new Promise((resolve) => station.once('exit', resolve));
    station.kill('SIGKILL');
    await gone;
    const started = Date.now();
    expect(await waitFor(() => !processExists(pid), 5000)).toBe(true);
    console.log(`ffmpeg gone ${Date.now() - started} ms after its station was killed`);
  });
});
