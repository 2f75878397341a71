import { describe, expect, it } from 'vitest';
import { parseSums } from './recover-folder';

const H = 'a'.repeat(64);

describe('parseSums', () => {
  it('reads sha256sum lines, text and binary mode', () => {
    expect(parseSums(`${H}  video/CAM01.mp4\n${H} *manifest.json\n\n`)).toEqual([
      { sha256: H, name: 'video/CAM01.mp4' },
      { sha256: H, name: 'manifest.json' },
    ]);
  });

  it('refuses names that leave the folder and lines that are not hash lines', () => {
    expect(parseSums(`${H}  ../station.db\n`)).toBeNull();
    expect(parseSums(`${H}  /etc/passwd\n`)).toBeNull();
    expect(parseSums(`${H}  video/../../x\n`)).toBeNull();
    expect(parseSums('not a hash  manifest.json\n')).toBeNull();
  });
});
