import { defineConfig } from 'vitest/config';

// End-to-end tests: real headless Chromium with the e2e build (`npm run build:e2e`) loaded,
// against the simulator. One file at a time: the machine has 2 cores and each file runs
// its own browser and simulator.
export default defineConfig({
  test: {
    environment: 'node',
    include: ['tests/e2e/**/*.e2e.test.ts'],
    fileParallelism: false,
    // expect.poll waits for a state; 1 s (vitest's default) is short for a busy 2-core CI
    // machine running a browser and a simulator. A test that needs longer says so.
    expect: { poll: { timeout: 5_000, interval: 50 } },
    testTimeout: 90_000,
    hookTimeout: 60_000,
    reporters: ['default', ['json', { outputFile: 'test-output/e2e-results.json' }]],
  },
});
