// The import zones in eslint.config.js: the renderer imports only electron/contract, and the
// contract imports nothing of the service side. Runs the project's own ESLint config on
// small sources; the paths are real files so a type-aware parser setup would find them.
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const repoRoot = decodeURIComponent(new URL('../..', import.meta.url).pathname);
const RULE = 'no-restricted-imports';
const RENDERER_FILE = 'renderer/api/get-api.ts';
const CONTRACT_FILE = 'electron/contract/api.ts';
const CORE_FILE = 'electron/core/rpc/rpc-server.ts';

let eslint: ESLint;

beforeAll(() => {
  // Only the rule under test, so other rules' findings on the fixtures do not matter.
  eslint = new ESLint({ cwd: repoRoot, ruleFilter: ({ ruleId }) => ruleId === RULE });
});

async function restricted(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  expect(result?.messages.filter((m) => m.fatal)).toEqual([]);
  return (result?.messages ?? []).filter((m) => m.ruleId === RULE).map((m) => m.message);
}

describe('renderer zone', () => {
  it.each([
    '../../electron/core/rpc/rpc-server',
    '../../electron/main/ipc',
    '../../electron/service/station-service',
    '../../electron/preload/preload',
  ])('refuses an import of %s and names the way through the contract', async (from) => {
    const messages = await restricted(
      `import { x } from '${from}';\nexport { x };\n`,
      RENDERER_FILE,
    );
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain('electron/contract');
  });

  it('still refuses electron itself', async () => {
    const messages = await restricted(
      `import { ipcRenderer } from 'electron';\nexport { ipcRenderer };\n`,
      RENDERER_FILE,
    );
    expect(messages).toHaveLength(1);
  });

  it('allows the contract, its own code and packages', async () => {
    const code = [
      `import { createApi } from '../../electron/contract/api';`,
      `import { createWsTransport } from '../../electron/contract/ws-client';`,
      `import { useStationState } from '../store/store-context';`,
      `import { z } from 'zod';`,
      `export { createApi, createWsTransport, useStationState, z };`,
      '',
    ].join('\n');
    expect(await restricted(code, RENDERER_FILE)).toEqual([]);
  });
});

describe('contract zone', () => {
  it.each(['../core/db/database', '../main/ipc', '../../electron/core/rpc/rpc-server'])(
    'refuses an import of %s',
    async (from) => {
      const messages = await restricted(
        `import { x } from '${from}';\nexport { x };\n`,
        CONTRACT_FILE,
      );
      expect(messages).toHaveLength(1);
    },
  );

  it('allows its own modules and zod', async () => {
    const code = `import { Id } from './schemas';\nimport { z } from 'zod';\nexport { Id, z };\n`;
    expect(await restricted(code, CONTRACT_FILE)).toEqual([]);
  });
});

it('leaves the core free to import the core', async () => {
  const code = `import { x } from '../app/dispatch';\nimport { y } from '../../contract/api';\nexport { x, y };\n`;
  expect(await restricted(code, CORE_FILE)).toEqual([]);
});
