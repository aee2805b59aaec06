import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';
import preact from '@preact/preset-vite';

// Unit and component tests only; the end-to-end suite (tests/e2e) runs in real Chromium
// through its own config (vitest.e2e.config.ts).
export default defineConfig({
  plugins: [WxtVitest(), preact()],
  test: {
    environment: 'happy-dom',
    include: ['tests/unit/**/*.test.{ts,tsx}', 'tests/simulator/**/*.test.ts'],
    setupFiles: ['tests/unit/setup-indexeddb.ts'],
    reporters: ['default', ['json', { outputFile: 'test-output/unit-results.json' }]],
  },
});
