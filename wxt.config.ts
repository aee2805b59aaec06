import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// The production build ships no host permission: each NetBox origin is asked for at run
// time (optional_host_permissions). The e2e build (`--mode e2e`) also declares the loopback
// origins the simulator listens on, because headless Chromium cannot accept a permission
// prompt (docs/browser-facts.md; the HTTPS one for docs/certificates.md).
const E2E_HOSTS = ['http://127.0.0.1/*', 'http://localhost/*', 'https://127.0.0.1/*'];

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  manifestVersion: 3,
  // The sources zip (for store review) leaves out test and benchmark output.
  zip: { excludeSources: ['test-output/**', 'bench-output/**'] },
  // Every build runs the code users get: to Vite a mode other than "production" (the e2e
  // build's) means JSX compiled for development (a source location object on every element
  // made) and Preact's devtools hook, which the benchmarks would measure.
  vite: () => ({ plugins: [preact({ devToolsEnabled: false })], oxc: { jsx: { development: false } } }),
  manifest: ({ mode, browser }) => ({
    name: 'Proxbox Backend Logs',
    description:
      'Proxbox backend logs on every page of your NetBox, a toolbar badge for new errors, a side panel and a quick operation-ID filter.',
    // Firefox has a sidebar (sidebar_action) instead of Chrome's sidePanel API.
    // webRequest (observe only, no blocking) names why a backend request failed: a
    // certificate the browser refused, where a redirect pointed (lib/background/network-watch.ts).
    // offscreen: Chromium's worker reaches HTTPS backends through a document (docs/certificates.md).
    permissions: ['storage', 'alarms', 'notifications', 'scripting', 'activeTab', 'webRequest', ...(browser === 'firefox' ? [] : ['sidePanel', 'offscreen'])],
    optional_host_permissions: ['http://*/*', 'https://*/*'],
    ...(mode === 'e2e' ? { host_permissions: E2E_HOSTS } : {}),
    action: { default_title: 'Proxbox Backend Logs' },
    // The administrator's policy (docs/rollout.md). Firefox takes policies.json's `3rdparty`
    // as written and has no such entry.
    ...(browser === 'firefox' ? {} : { storage: { managed_schema: 'managed_schema.json' } }),
    ...(browser === 'firefox'
      ? { browser_specific_settings: { gecko: {
              // An organisation that signs its own copy for self-distribution sets its own id and
              // the address of its updates.json (docs/rollout.md).
              id: process.env.FIREFOX_ADDON_ID || 'proxbox-backend-logs@proxbox.dev',
              ...(process.env.FIREFOX_UPDATE_URL ? { update_url: process.env.FIREFOX_UPDATE_URL } : {}),
              strict_min_version: '128.0',
              // The extension collects nothing (addons.mozilla.org asks every new listing).
              data_collection_permissions: { required: ['none'] },
            } } }
      : {}),
  }),
});
