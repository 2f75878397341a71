// The Windows packaging check of the bundled ffmpeg (build/before-pack.mjs): ffmpeg
// 4.1 or newer, told by the libavformat identifier a static build carries. The
// identifiers are those found in the registry's binaries: @ffmpeg-installer/win32-x64
// 4.1.0 carries "Lavf58.24.101", @ffprobe-installer/win32-x64 5.1.0 "Lavf60.2.100".
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { windowsToolProblem } from '../../build/before-pack.mjs';

const dir = mkdtempSync(path.join(tmpdir(), 'win-ffmpeg-check-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function exe(name: string, body: string): string {
  const file = path.join(dir, name);
  // The identifier sits among other strings, after a "Lavf" that is no version.
  writeFileSync(file, Buffer.concat([Buffer.from('MZ\x90\x00'), Buffer.from(`Lavfi ${body} x`)]));
  return file;
}

describe('Windows ffmpeg check', () => {
  it('takes the registry’s 4.1 ffmpeg and its newer ffprobe', () => {
    expect(windowsToolProblem(exe('ffmpeg.exe', 'Lavf58.24.101'))).toBeNull();
    expect(windowsToolProblem(exe('ffprobe.exe', 'Lavf60.2.100'))).toBeNull();
    expect(windowsToolProblem(exe('ffmpeg41.exe', 'Lavf58.20.100'))).toBeNull();
  });

  it('refuses an ffmpeg older than 4.1, naming its libavformat', () => {
    expect(windowsToolProblem(exe('old.exe', 'Lavf58.12.100'))).toMatch(
      /older than ffmpeg 4\.1 \(libavformat 58\.12\)/,
    );
    expect(windowsToolProblem(exe('older.exe', 'Lavf57.83.100'))).toMatch(/older than ffmpeg 4\.1/);
  });

  it('still refuses what is not a Windows program', () => {
    const file = path.join(dir, 'script.exe');
    writeFileSync(file, '#!/bin/sh\nLavf59.27.100\n');
    expect(windowsToolProblem(file)).toMatch(/not a Windows executable/);
  });
});
