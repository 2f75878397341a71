// One station service per data folder, as users run it: the built core.
import { spawn } from 'node:child_process';
import { expect, test } from './fixtures';
import { BUILT_CORE } from './station-process';

test('a second service on the same data folder exits non-zero within 2 s, saying why', async ({
  station,
}) => {
  const started = Date.now();
  const second = spawn(
    process.execPath,
    [BUILT_CORE, '--data-dir', station.dataDir, '--port', '0', '--demo', 'off'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  second.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const code = await new Promise<number | null>((resolve) => second.once('exit', resolve));
  const tookMs = Date.now() - started;
  console.log(`second service exited with ${code} after ${tookMs} ms`);
  expect(code).not.toBe(0);
  expect(tookMs).toBeLessThan(2000);
  expect(stderr).toMatch(/đang được một dịch vụ trạm khác dùng/);
  // The first one is unharmed.
  expect((await station.api.system.info()).dataDir).toBe(station.dataDir);
});
