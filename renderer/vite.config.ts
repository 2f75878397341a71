import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));
const resources = fileURLToPath(new URL('../resources', import.meta.url));
const electron = fileURLToPath(new URL('../electron', import.meta.url));

export default defineConfig({
  root: here,
  // Relative asset paths: the bundle loads from file:// or an app protocol in Electron
  // and from the media server's root in browser mode.
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'chrome120',
    // Keep every asset a file: the CSP allows no inline data for scripts.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    host: '127.0.0.1',
    fs: {
      allow: [
        here,
        resources,
        electron,
        fileURLToPath(new URL('../node_modules', import.meta.url)),
      ],
    },
  },
});
