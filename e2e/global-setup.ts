import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

// The tests drive the built renderer; build it when a developer runs test:e2e alone.
export default function globalSetup(): void {
  if (!existsSync('dist/renderer/index.html')) {
    execFileSync('npx', ['vite', 'build', '--config', 'renderer/vite.config.ts'], {
      stdio: 'inherit',
    });
  }
}
