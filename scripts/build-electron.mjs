// Bundles the Electron shell (main + preload) and the browser-mode server with esbuild.
// Native and optional modules stay external; the Electron binary is never needed here.
// pdfkit stays external too: it loads its standard fonts (the .afm files behind
// `#standard-fonts/*` in its package.json "imports") from its own folder at run time,
// which a bundle cannot carry; it is a dependency, so the installers ship its folder.
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
    entryPoints: ['electron/core/browser-server.ts'],
    outfile: 'dist/electron/browser-server.cjs',
    format: 'cjs',
  }),
]);
console.log('built dist/electron/{main,preload,browser-server}.cjs');
