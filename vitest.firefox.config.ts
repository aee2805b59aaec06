import { browserTestConfig } from './vitest.browser-tests';

// End-to-end tests in Firefox ESR: headless Firefox driven by puppeteer-core over WebDriver
// BiDi, with the Firefox e2e build (`wxt build -b firefox --mode e2e`) installed as a
// temporary add-on, against the simulator. See docs/firefox.md.
export default browserTestConfig({ include: 'tests/e2e-firefox/**/*.e2e.test.ts', resultsFile: 'test-output/firefox-results.json' });
