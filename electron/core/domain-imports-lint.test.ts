// The repository's ESLint configuration lets a core domain import another only through
// the public modules electron/core/domain-public.json declares
// (eslint-rules/public-domain-imports.js), and the map covers every domain folder.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const RULE = 'domains/public-domain-imports';
// Real files: the type-aware parser only lints files its projects hold.
const EXPORT_FILE = 'electron/core/export/export-plan.ts';
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const coreDir = join(repoRoot, 'electron', 'core');
// Only this rule runs: the fixtures are not meant to satisfy the others.
const eslint = new ESLint({ cwd: repoRoot, ruleFilter: ({ ruleId }) => ruleId === RULE });

interface DomainMap {
  composer: string;
  open: Record<string, string>;
  domains: Record<string, Record<string, string>>;
}
const map = JSON.parse(readFileSync(join(coreDir, 'domain-public.json'), 'utf8')) as DomainMap;

/** This rule's messages for `code` linted as if it lived at `filePath`. */
async function importFindings(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  const messages = result?.messages ?? [];
  // A parse error or an unloaded rule must fail the test, not pass it quietly.
  expect(messages.filter((m) => m.ruleId !== RULE)).toEqual([]);
  return messages.map((m) => m.message);
}

const importOf = (from: string) => `import { x } from '${from}';\nexport { x };\n`;

describe('public-domain-imports', () => {
  it("refuses another domain's private module, naming its public ones", async () => {
    const found = await importFindings(importOf('../recording/recording-index'), EXPORT_FILE);
    expect(found).toHaveLength(1);
    expect(found[0]).toContain("'recording-index' is private to the recording domain");
    expect(found[0]).toContain('recording-service');
  });

  it('refuses type-only imports, re-exports and dynamic imports of a private module alike', async () => {
    const code = [
      `import type { CameraRecordingSettings } from '../recording/recording-index';`,
      `export { scanFmp4 } from '../recording/fmp4-scan';`,
      `export * from '../cameras/probe';`,
      `export const later = () => import('../incidents/incident-rows');`,
      `export type { CameraRecordingSettings };`,
      '',
    ].join('\n');
    const found = await importFindings(code, EXPORT_FILE);
    expect(found.map((m) => m.split("'")[1])).toEqual([
      'recording-index',
      'fmp4-scan',
      'probe',
      'incident-rows',
    ]);
  });

  it('allows public modules, shared infrastructure, its own domain and packages', async () => {
    const code = [
      `import { RecordingService } from '../recording/recording-service';`,
      `import type { Gap } from '../recording/recording-types';`,
      `import type { Database } from '../db/database';`,
      `import { FfmpegSupervisor } from '../streams/ffmpeg-supervisor';`,
      `import { isInside } from '../storage/path-inside';`,
      `import { planClip } from './clip-plan';`,
      `import { z } from 'zod';`,
      `export { RecordingService, isInside, FfmpegSupervisor, planClip, z };`,
      `export type { Gap, Database };`,
      '',
    ].join('\n');
    expect(await importFindings(code, EXPORT_FILE)).toEqual([]);
  });

  it('lets the composition root import any module, and db/ only the migrations', async () => {
    const index = importOf('../recording/recording-index');
    expect(await importFindings(index, 'electron/core/app/service-graph.ts')).toEqual([]);
    const migrations = importOf('../recording/recording-migrations');
    expect(await importFindings(migrations, 'electron/core/db/schema.ts')).toEqual([]);
    expect(await importFindings(index, 'electron/core/db/schema.ts')).toHaveLength(1);
    expect(await importFindings(migrations, EXPORT_FILE)).toHaveLength(1);
  });

  it('lets tests and testing/ fixtures reach into any domain', async () => {
    const code = importOf('../recording/recording-index');
    expect(await importFindings(code, 'electron/core/export/export-service.test.ts')).toEqual([]);
    expect(await importFindings(code, 'electron/core/export/testing/footage-fixture.ts')).toEqual(
      [],
    );
  });

  it('refuses a domain folder the map does not declare', async () => {
    const found = await importFindings(importOf('../newdomain/thing'), EXPORT_FILE);
    expect(found).toEqual([expect.stringContaining('electron/core/newdomain/ is not declared')]);
  });
});

describe('domain-public.json', () => {
  const folders = readdirSync(coreDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name);

  it('declares every folder of electron/core once, the composition root among the domains', () => {
    const declared = [...Object.keys(map.open), ...Object.keys(map.domains)];
    expect(declared.sort()).toEqual([...folders].sort());
    expect(Object.keys(map.domains)).toContain(map.composer);
  });

  it('names only modules that exist', () => {
    const missing = Object.entries(map.domains).flatMap(([domain, modules]) =>
      Object.keys(modules).filter((m) => !existsSync(join(coreDir, domain, `${m}.ts`))),
    );
    expect(missing).toEqual([]);
  });
});
