// `npm run demo`: builds the extension, starts the demo NetBox (simulator, admin/admin,
// live sync logs) and, where there is a display, opens Chromium with the extension loaded.
// Without a display it prints how to load the extension by hand. Ctrl-C stops it.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { startSimulator } from './simulator';

const port = Number(process.env.PORT ?? 8000);
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

console.log('Building the extension (Chrome and Firefox)…');
execFileSync('npx', ['wxt', 'build'], { stdio: 'inherit' });
execFileSync('npx', ['wxt', 'build', '-b', 'firefox'], { stdio: 'inherit' });
const chromeDir = path.resolve('.output/chrome-mv3');
const firefoxDir = path.resolve('.output/firefox-mv3');

const sim = await startSimulator({ port, writerRate: Number(process.env.RATE ?? 2) });
console.log(`
Demo NetBox with Proxbox is running at ${sim.url}  (log in as admin/admin; viewer/viewer may not see logs)
It writes realistic sync logs (${process.env.RATE ?? 2}/s, some ERROR/CRITICAL with tracebacks).
Control it (faults, restarts, bursts): docs/simulator.md, e.g.
  curl -X POST ${sim.origin}/__sim/fault -H 'content-type: application/json' -d '{"mode":"down"}'
`);

if (process.env.DISPLAY && existsSync(chromiumPath)) {
  const { chromium } = await import('playwright-core');
  const ctx = await chromium.launchPersistentContext(path.resolve('.output/demo-profile'), {
    executablePath: chromiumPath,
    headless: false,
    viewport: null,
    args: [`--disable-extensions-except=${chromeDir}`, `--load-extension=${chromeDir}`, '--no-first-run'],
  });
  const sw = ctx.serviceWorkers()[0] ?? (await ctx.waitForEvent('serviceworker'));
  const id = new URL(sw.url()).host;
  const netbox = ctx.pages()[0] ?? (await ctx.newPage());
  await netbox.goto(`${sim.url}login/`);
  const options = await ctx.newPage();
  await options.goto(`chrome-extension://${id}/options.html`);
  console.log(`Chromium is open with the extension. In its options tab, add ${sim.baseUrl} and allow the
permission; then log in to NetBox and click "Backend Logs" at the bottom right of any page.`);
  ctx.on('close', () => void sim.close().then(() => process.exit(0)));
} else {
  console.log(`No display here, so no browser was opened. To try it:
  Chrome/Chromium: chrome://extensions > Developer mode > Load unpacked > ${chromeDir}
  Firefox:         about:debugging > This Firefox > Load Temporary Add-on > ${firefoxDir}/manifest.json
Then open the extension's options, add ${sim.baseUrl}, allow the permission, log in to NetBox
(admin/admin) and click "Backend Logs" at the bottom right of any page.`);
}

const stop = () => void sim.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
