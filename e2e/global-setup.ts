import { execFileSync } from 'node:child_process';

// The tests drive the built app (dist/: the bundled core and renderer that `npm start`
// and the installers run), never the sources: build it once per run so a developer's
// edit is always what is tested. esbuild and vite take a few seconds.
export default function globalSetup(): void {
  if (process.env.STATION_E2E_SKIP_BUILD === '1') return;
  execFileSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
}
