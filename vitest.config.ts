import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/backend/**/*.test.ts'],
    environment: 'node',
    // Each test file opens real SQLCipher files; scrypt is CPU-bound, and this machine has two cores.
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
