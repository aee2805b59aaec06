import { defineConfig } from 'vitest/config';

// End-to-end tests in Firefox ESR: headless Firefox driven by puppeteer-core over WebDriver
// BiDi, with the Firefox e2e build (`wxt build -b firefox --mode e2e`) installed as a
// temporary add-on, against the simulator. One file at a time: each file runs its own
// browser and simulator on a 2-core machine. See docs/firefox.md.
export default defineConfig({
  test: {
    environment: 'node',
    include: ['tests/e2e-firefox/**/*.e2e.test.ts'],
    fileParallelism: false,
    // expect.poll waits for a state; 1 s (vitest's default) is short for a busy 2-core CI
    // machine running a browser and a simulator. A test that needs longer says so.
    expect: { poll: { timeout: 5_000, interval: 50 } },
    testTimeout: 90_000,
    hookTimeout: 60_000,
    reporters: ['default', ['json', { outputFile: 'test-output/firefox-results.json' }]],
  },
});
