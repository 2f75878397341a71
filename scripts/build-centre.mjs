// Bundles the centre service (centre/cli.ts: add-station, serve) with esbuild into one
// ES module beside the built page, so the tests and an installer run what ships.
// sqlite3 is native and stays external; CommonJS dependencies get a require().
import { build } from 'esbuild';

await build({
  entryPoints: ['centre/cli.ts'],
  outfile: 'dist/centre-service/centre.mjs',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: true,
  logLevel: 'warning',
  external: ['sqlite3', 'bufferutil', 'utf-8-validate'],
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
});
console.log('built dist/centre-service/centre.mjs');
