import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The renderer build, shared by electron-vite (the app) and by the test harness, which
 * builds the renderer alone so that UI tests need no Electron at all.
 */
export const rendererConfig = {
  root: __dirname,
  base: './',
  plugins: [react()],
  build: {
    outDir: resolve(__dirname, '../out/renderer'),
    emptyOutDir: true,
    rollupOptions: { input: { index: resolve(__dirname, 'index.html') } },
  },
};

export default defineConfig(rendererConfig);
