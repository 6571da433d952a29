import { defineConfig } from '@playwright/test';

/**
 * The Electron shell suite (`npm run test:electron`). Separate from playwright.config.ts, whose
 * UI tests run the renderer in plain Chromium: this one launches the built app in the real
 * Electron binary and skips itself where that binary is not installed.
 */
export default defineConfig({
  testDir: 'test/electron',
  testMatch: '*.spec.ts',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  outputDir: 'test-results/electron',
});
