import { browserTestConfig } from './vitest.browser-tests';

// End-to-end tests: real headless Chromium with the e2e build (`npm run build:e2e`) loaded,
// against the simulator.
export default browserTestConfig({ include: 'tests/e2e/**/*.e2e.test.ts', resultsFile: 'test-output/e2e-results.json' });
