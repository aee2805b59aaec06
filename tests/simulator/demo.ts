// `npm run demo [-- --port 8000] [--plugin discovery|proxy] [--look sim|real] [--backend-tls] [--skip-build]
//  [--history 4000] [--history-hours 8]`: builds the extension, starts the demo NetBox (simulator,
// admin/admin, live sync logs after hours of history, so the chart and the time range have
// something to show) and, where there is a display, opens Chromium with the extension
// loaded. What the user needs comes last, after the build's file listing. Ctrl-C stops it.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PLUGIN_MODES, type PluginMode } from './context';
import { startOnFreePort } from './free-port';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.PORT ?? '8000' },
    plugin: { type: 'string', default: 'discovery' },
    rate: { type: 'string', default: process.env.RATE ?? '2' },
    look: { type: 'string', default: 'sim' },
    // Entries back-filled at start, spread over the last hours (0: none).
    history: { type: 'string', default: '4000' },
    'history-hours': { type: 'string', default: '8' },
    'skip-build': { type: 'boolean', default: false },
    // The backend over HTTPS with a self-signed certificate, as Proxbox's *-nginx image serves it.
    'backend-tls': { type: 'boolean', default: false },
  },
});

const fail = (sentence: string): never => {
  console.error(sentence);
  process.exit(2);
};
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port (or PORT) must be a port number, got "${values.port}".`);
const plugin = values.plugin as PluginMode;
if (!PLUGIN_MODES.includes(plugin)) fail(`--plugin must be ${PLUGIN_MODES.join(' or ')}, got "${values.plugin}".`);
const rate = Number(values.rate);
const look = values.look === 'real' ? 'real' : values.look === 'sim' ? 'sim' : fail(`--look must be sim or real, got "${values.look}".`);
const history = Number(values.history);
const historyHours = Number(values['history-hours']);
if (!Number.isInteger(history) || history < 0 || history > 10_000) fail(`--history must be a count from 0 to 10000, got "${values.history}".`);
if (!(historyHours > 0) || historyHours > 168) fail(`--history-hours must be a number of hours above 0, at most 168, got "${values['history-hours']}".`);
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const chromeDir = path.resolve('.output/chrome-mv3');
const firefoxDir = path.resolve('.output/firefox-mv3');

if (!values['skip-build']) {
  console.log('Building the extension (Chrome and Firefox)…');
  execFileSync('npx', ['wxt', 'build'], { stdio: 'inherit' });
  execFileSync('npx', ['wxt', 'build', '-b', 'firefox'], { stdio: 'inherit' });
}

const { sim, takenSentence } = await startOnFreePort(port, { plugin, look, writerRate: rate, backendTls: values['backend-tls'] }).catch((error: NodeJS.ErrnoException) =>
  fail(`The demo NetBox cannot listen on port ${port} (${error.code ?? error.message}); choose another with PORT= or --port.`),
);
if (takenSentence) console.log(`\n${takenSentence}`);
sim.writer.backfill(history, historyHours);

const stop = () => void sim.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

let howToLoad = `Load the extension:
  Chrome/Chromium: chrome://extensions > Developer mode > Load unpacked > ${chromeDir}
  Firefox:         about:debugging > This Firefox > Load Temporary Add-on > ${firefoxDir}/manifest.json
Then, in the extension's options, add ${sim.baseUrl} and allow the permission.`;

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
  howToLoad = `Chromium is open with the extension loaded. In its options tab, add ${sim.baseUrl} and allow the permission.`;
  ctx.on('close', stop);
}

const world =
  plugin === 'discovery'
    ? `The released Proxbox plugin: NetBox names the backend (${sim.backendUrl}); reading logs needs its key.`
    : 'The documented logs proxy: NetBox serves the logs with your session, no key needed.';
// The three things to type or paste come last, where the eye lands when the output stops.
const lines = [
  world,
  `It holds ${history} entries of the last ${historyHours} h and writes ${rate} realistic sync log lines a second. Faults and bursts: docs/simulator.md. Ctrl-C stops it.`,
  '',
  ...howToLoad.split('\n'),
  'Then log in to NetBox and click "Backend Logs" at the bottom right of any page.',
  '',
  `NetBox:       ${sim.url}`,
  'Log in:       admin / admin   (viewer / viewer may not see logs)',
  ...(plugin === 'discovery' ? [`Backend key:  ${sim.backendApiKey}   (paste it when the extension asks for the backend's API key)`] : []),
  ...(sim.backendCertificate
    ? [`Backend TLS:  self-signed (SHA-256 ${sim.backendCertificate.fingerprint256}); the extension offers "Accept the backend's certificate"`]
    : []),
];
const rule = '='.repeat(Math.min(100, Math.max(...lines.map((l) => l.length))));
console.log(`\n${rule}\n${lines.join('\n')}\n${rule}`);
