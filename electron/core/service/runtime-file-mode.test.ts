// The runtime file holds the token that opens the contract: owner-only by default,
// group-readable only when the installed Linux service asks for it (its group is
// the consoles' users). Modes hold under a permissive umask too.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readRuntimeFile, writeRuntimeFile, type ServiceRuntime } from './runtime-file';

const root = mkdtempSync(join(tmpdir(), 'runtime-mode-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const rt: ServiceRuntime = {
  pid: process.pid,
  port: 4321,
  token: 'a'.repeat(32),
  mediaBaseUrl: 'http://127.0.0.1:4321',
  rpcUrl: 'ws://127.0.0.1:4321/rpc',
  dataDir: root,
  version: '0.1.0',
  startedAt: 1,
};

function mode(file: string): number {
  return statSync(file).mode & 0o777;
}

describe('writeRuntimeFile modes', () => {
  it('writes 0600 in a 0700 folder by default, whatever the umask', async () => {
    const old = process.umask(0o000);
    try {
      const file = join(root, 'owner', 'service.json');
      await writeRuntimeFile(file, rt);
      expect(mode(file)).toBe(0o600);
      expect(mode(join(root, 'owner'))).toBe(0o700);
      expect(await readRuntimeFile(file)).toEqual(rt);
    } finally {
      process.umask(old);
    }
  });

  it('writes 0640 in a 0750 folder when the group may read it', async () => {
    const old = process.umask(0o000);
    try {
      const file = join(root, 'group', 'service.json');
      await writeRuntimeFile(file, rt, { groupRead: true });
      expect(mode(file)).toBe(0o640);
      expect(mode(join(root, 'group'))).toBe(0o750);
      // A later write by a default service narrows it again.
      await writeRuntimeFile(file, rt);
      expect(mode(file)).toBe(0o600);
    } finally {
      process.umask(old);
    }
  });
});
