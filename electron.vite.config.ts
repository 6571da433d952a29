import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { rendererConfig } from './renderer/vite.config';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'electron/main/index.ts'),
          // The store jobs (backup, restore, key rotation) run in a worker thread: electron/backend/maintenance/jobs.ts.
          storeWorker: resolve(__dirname, 'electron/backend/maintenance/storeWorker.ts'),
        },
      },
      // The native SQLCipher driver is loaded from node_modules (or its Electron build) at run time.
      externalizeDeps: true,
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(__dirname, 'electron/preload/index.ts') },
        // A sandboxed preload must be a single CommonJS file.
        output: { format: 'cjs', entryFileNames: '[name].js' },
      },
    },
  },
  renderer: rendererConfig,
});
