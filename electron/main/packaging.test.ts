// The packaging config is checked where the Electron binary cannot run: against
// electron-builder's own schema, and for the security fuses the shell relies on.
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
  it('is valid for electron-builder and flips the security fuses', async () => {
    const config = await getConfig(process.cwd(), 'build/electron-builder.yml', null);
    await validateConfiguration(config, { add: () => undefined });
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });
});
