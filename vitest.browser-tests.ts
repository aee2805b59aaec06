import { defineConfig } from 'vitest/config';

// What the two browser suites (vitest.e2e.config.ts: Chromium, vitest.firefox.config.ts:
// Firefox ESR) share. One file at a time: the machine has 2 cores and each file runs its
// own browser and simulator.
export function browserTestConfig(options: { include: string; resultsFile: string }) {
  return defineConfig({
    test: {
      environment: 'node',
      include: [options.include],
      fileParallelism: false,
      // expect.poll waits for a state; 1 s (vitest's default) is short for a busy 2-core CI
      // machine running a browser and a simulator. A test that needs longer says so.
      expect: { poll: { timeout: 5_000, interval: 50 } },
      testTimeout: 90_000,
      hookTimeout: 60_000,
      reporters: ['default', ['json', { outputFile: options.resultsFile }]],
    },
  });
}
