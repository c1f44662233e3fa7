import { defineConfig } from 'vitest/config';

// CI asks for a JSON report (to print its "N passed, N failed" line) next to the usual output.
const jsonReport = process.env.CALLFLOW_TEST_REPORT;

export default defineConfig({
  test: {
    include: ['engine/**/*.test.ts', 'designer/**/*.test.{ts,tsx}', 'test/**/*.test.ts'],
    // Tests that spawn the CLI or the server run the compiled build (dist/), built here once.
    globalSetup: ['test/global-setup.ts'],
    pool: 'forks',
    // Two cores: browser and process-level tests spawn their own children.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: jsonReport ? ['default', 'json'] : ['default'],
    outputFile: jsonReport ? { json: jsonReport } : undefined,
    env: {
      // Google's auth library must never probe the cloud metadata server (not loopback).
      METADATA_SERVER_DETECTION: 'none',
      NODE_ENV: 'test',
    },
  },
});
