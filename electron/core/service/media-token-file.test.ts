import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MEDIA_TOKEN_FILE_NAME, loadMediaToken } from './media-token-file';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'media-token-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const posix = process.platform !== 'win32';

describe('loadMediaToken', () => {
  it('creates an owner-only token once and returns the same one after', async () => {
    const data = join(dir, 'station');
    const first = await loadMediaToken(data);
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    const file = join(data, MEDIA_TOKEN_FILE_NAME);
    if (posix) expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(await loadMediaToken(data)).toBe(first);
    expect(readFileSync(file, 'utf8').trim()).toBe(first);
    // Two starts at once agree on one token.
    const other = join(dir, 'other');
    const [a, b] = await Promise.all([loadMediaToken(other), loadMediaToken(other)]);
    expect(a).toBe(b);
  });

  it('replaces a damaged token, and one other users could read', async () => {
    const file = join(dir, MEDIA_TOKEN_FILE_NAME);
    writeFileSync(file, 'not a token\n', { mode: 0o600 });
    const fresh = await loadMediaToken(dir);
    expect(fresh).toMatch(/^[0-9a-f]{64}$/);
    if (!posix) return;
    chmodSync(file, 0o644);
    const replaced = await loadMediaToken(dir);
    expect(replaced).not.toBe(fresh);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});
