// The type-aware promise rules in eslint.config.js: a promise nobody awaits or
// handles, and an async function where a void callback is expected, fail lint.
// Linted as real files of the projects, as the type-aware parser needs.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const repoRoot = decodeURIComponent(new URL('..', import.meta.url).pathname);
const RULES = ['@typescript-eslint/no-floating-promises', '@typescript-eslint/no-misused-promises'];
const eslint = new ESLint({ cwd: repoRoot, ruleFilter: ({ ruleId }) => RULES.includes(ruleId) });

async function findings(code: string, filePath: string): Promise<(string | null)[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId);
}

describe('type-aware promise rules', () => {
  it('refuses a floating promise in the core and accepts an awaited or voided one', async () => {
    const file = 'electron/core/export/export-plan.ts';
    const floating = 'const save = async () => 1;\nexport function go() { save(); }\n';
    expect(await findings(floating, file)).toEqual(['@typescript-eslint/no-floating-promises']);
    const handled =
      'const save = async () => 1;\nexport async function go() { await save(); void save(); }\n';
    expect(await findings(handled, file)).toEqual([]);
  }, 60_000);

  it('refuses an async function passed where a void callback is expected', async () => {
    const code =
      'const save = async () => 1;\nexport function go(list: number[]) { list.forEach(async () => { await save(); }); }\n' +
      'export function bad(p: Promise<number>) { if (p) return 1; return 0; }\n';
    expect(await findings(code, 'renderer/playback/export-range.ts')).toEqual([
      '@typescript-eslint/no-misused-promises',
      '@typescript-eslint/no-misused-promises',
    ]);
  }, 60_000);
});
