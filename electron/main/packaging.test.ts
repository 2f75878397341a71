// The packaging config is checked where the Electron binary cannot run: against
// electron-builder's own schema, and for the security fuses the shell relies on.
// runAsNode stays on: the station service is the app's binary run as Node
// (linux-service.test.ts, windows-packaging.test.ts).
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
interface BuilderConfig {
  electronFuses?: Record<string, boolean>;
}
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  getConfig(projectDir: string, configPath: string, cli: null): Promise<BuilderConfig>;
  validateConfiguration(
    config: BuilderConfig,
    log: { add(k: string, v: unknown): void },
  ): Promise<void>;
};

describe('electron-builder config', () => {
  it('is valid for electron-builder and flips the security fuses but runAsNode', async () => {
    const config = await getConfig(process.cwd(), 'build/electron-builder.yml', null);
    await validateConfiguration(config, { add: () => undefined });
    expect(config.electronFuses).toMatchObject({
      runAsNode: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });
});
