// Bundles the Electron shell (main + preload) and the browser-mode server with esbuild.
// Native and optional modules stay external; the Electron binary is never needed here.
// pdfkit stays external too: it loads its standard fonts (the .afm files behind
// `#standard-fonts/*` in its package.json "imports") from its own folder at run time,
// which a bundle cannot carry; it is a dependency, so the installers ship its folder.
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  external: ['electron', 'sqlite3', 'pdfkit', 'bufferutil', 'utf-8-validate'],
};

// CommonJS bundles have no import.meta; give code that asks a file URL of the bundle.
const cjsImportMeta = {
  banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  define: { 'import.meta.url': '__importMetaUrl' },
};

await Promise.all([
  build({
    ...common,
    ...cjsImportMeta,
    entryPoints: ['electron/main/main.ts'],
    outfile: 'dist/electron/main.cjs',
    format: 'cjs',
  }),
  // Sandboxed preloads must be a single CommonJS file that requires only 'electron'.
  build({
    ...common,
    entryPoints: ['electron/preload/preload.ts'],
    outfile: 'dist/electron/preload.cjs',
    format: 'cjs',
  }),
  build({
    ...common,
    ...cjsImportMeta,
    entryPoints: ['electron/service/station-service.ts'],
    outfile: 'dist/electron/station-service.cjs',
    format: 'cjs',
  }),
  // The console in a Chromium app window (no Electron binary): a client of the service.
  build({
    ...common,
    ...cjsImportMeta,
    entryPoints: ['electron/service/browser-console.ts'],
    outfile: 'dist/electron/browser-console.cjs',
    format: 'cjs',
  }),
]);

// A `#name` specifier resolves only inside its own package (package.json "imports"): one
// left in a bundle fails at run time, on first use (pdfkit's fonts did, at export).
// Fail the build instead; the fix is to keep that package external.
const OUTFILES = ['main', 'preload', 'station-service', 'browser-console'].map(
  (n) => `dist/electron/${n}.cjs`,
);
const SUBPATH_REQUIRE = /\brequire[\w$]*\(\s*["'](#[^"']*)["']\s*\)/g;
const unresolvable = OUTFILES.flatMap((file) =>
  [...readFileSync(file, 'utf8').matchAll(SUBPATH_REQUIRE)].map((m) => `${file}: ${m[1]}`),
);
if (unresolvable.length > 0) {
  console.error(
    'bundle requires package-internal "#…" imports, which cannot resolve from dist/ ' +
      '(keep the package that owns them external):\n  ' +
      [...new Set(unresolvable)].join('\n  '),
  );
  process.exit(1);
}
console.log('built dist/electron/{main,preload,station-service,browser-console}.cjs');
