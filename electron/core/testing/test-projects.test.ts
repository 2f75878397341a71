// The parallel `unit` project must hold only pure tests: a file that starts ffmpeg,
// the RTSP rig, Chromium or any child process belongs in INTEGRATION_TESTS, which
// runs one file at a time.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INTEGRATION_TESTS } from '../../../vitest.config';

const ROOT = join(import.meta.dirname, '../../..');
const SELF = 'electron/core/testing/test-projects.test.ts'; // names the markers, spawns nothing

/** What a test file imports or calls when it starts processes of its own. */
const SPAWNS =
  /node:child_process|startRig|@playwright\/test|ffprobeFile|ffmpegChildren|writeSampleFmp4|processStates|makeSegments|pdf-inspect|run-bundle-with-fake-electron|record-child/;

function testFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.test.ts') && !f.includes('node_modules'))
    .map((f) => `${dir}/${f.replaceAll('\\', '/')}`);
}

describe('vitest projects', () => {
  it('lists only integration test files that exist', () => {
    expect(INTEGRATION_TESTS.filter((f) => !existsSync(join(ROOT, f)))).toEqual([]);
  });

  it('keeps every test file that spawns out of the parallel unit project', () => {
    const all = [...testFiles('electron'), ...testFiles('renderer'), ...testFiles('e2e/rig')];
    expect(all.length).toBeGreaterThan(100);
    const listed = new Set(INTEGRATION_TESTS);
    const spawning = all.filter(
      (f) => f !== SELF && SPAWNS.test(readFileSync(join(ROOT, f), 'utf8')),
    );
    expect(spawning.length).toBeGreaterThan(30);
    expect(spawning.filter((f) => !listed.has(f))).toEqual([]);
  });
});
