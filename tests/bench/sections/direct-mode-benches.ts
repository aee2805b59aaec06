// 7. Direct mode (issues 10 and 13): the extension reads proxbox-api itself, with the key the
// user typed into the options page. The e2e build in headless Chromium against the
// simulator's backend (plugin 'discovery', the released world), as a user has it: three
// NetBox tabs with the panel open and the side panel open, all watching one backend.
// Two windows of WINDOW_S each, one per way of following the backend:
// - stream: the worker's one `/admin/logs/stream` for the backend feeds every view;
// - polling: the backend offers no stream (POST /__sim/backend {stream: false}: the route
//   answers 404), so the views poll `/admin/logs` every view interval, the worker retrying
//   the stream with its backoff.
// In each window the backend writes one recorded entry at a time at random gaps; tab A's
// panel times each from the write to the row painted, and the simulator's request record
// counts what reached the backend.
import type { Page } from 'playwright-core';
import { logIn } from '../../e2e/netbox';
import { startSimulator, type RequestRecord, type Simulator } from '../../simulator/index';
import { DEFAULT_AUTH_OPTIONS } from '../../simulator/backend-auth';
import { launch, type BenchBrowser } from '../browser';
import { realEntries, writeRealEntries } from '../real-entries';
import { figure, type Figure } from '../report';
import { openPanel, VIEW_INTERVAL_S } from './extension-benches';

const SECTION = '7 direct mode';
/** Each counting window, s: the backend's budget is per minute. */
const WINDOW_S = 60;
/** Gaps between written entries, s (uniform): about 30 samples a window, at every phase of a poll. */
const GAP_S = [1, 3] as const;
/** The backend's requests per minute per client address (proxbox-api's, as the simulator has it). */
const BUDGET_PER_MIN = DEFAULT_AUTH_OPTIONS.rateLimit;
/** The extension's share of that budget it claims (docs/faults.md: "at most 5%"). */
const OUR_SHARE = 0.05;
/** The row marker: probe number and the write time (the bench's Date.now()), parsed in the page. */
const MARK = 'bench-probe';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface DirectModeBenchOptions {
  extensionDir: string;
  log: (line: string) => void;
}

interface Probe {
  n: number;
  /** Write -> row in the panel's DOM, ms. */
  domMs: number;
  /** Write -> the frame showing it painted, ms. */
  paintedMs: number;
}

interface WindowResult {
  label: string;
  seconds: number;
  written: number;
  probes: Probe[];
  /** Backend requests recorded in the window, by kind. */
  views: number;
  badge: number;
  streamConnections: number;
  /** `GET /sync/active`: whether a sync is running (one per badge alarm, one per view opening). */
  sync: number;
  other: number;
  /** Most streams open at once during the window (sampled at every write). */
  openStreamsMax: number;
  /** Mean time between the views' polls in the window, s (null: fewer than two). */
  viewPollEveryS: number | null;
}

function query(r: RequestRecord): URLSearchParams {
  return new URLSearchParams(r.path.split('?')[1] ?? '');
}

const isStream = (r: RequestRecord) => r.path.startsWith('/admin/logs/stream');
const isSyncProbe = (r: RequestRecord) => r.path === '/sync/active';
const isLogs = (r: RequestRecord) => r.path === '/admin/logs' || r.path.startsWith('/admin/logs?');
/** The worker's badge query (errors only, 100 at a time), as in section 4. */
const isBadge = (r: RequestRecord) => isLogs(r) && query(r).get('errors_only') === 'true' && query(r).get('limit') === '100';

/** Adds the instance and gives its backend the key on the options page, as a user does. */
async function addAndConnect(browser: BenchBrowser, sim: Simulator): Promise<void> {
  const options = await browser.ctx.newPage();
  await options.goto(browser.extensionUrl('options.html'));
  await options.getByRole('textbox', { name: 'NetBox URL' }).fill(sim.baseUrl);
  await options.getByRole('button', { name: 'Add', exact: true }).click();
  const card = options.getByRole('article', { name: sim.baseUrl.replace(/^https?:\/\//, '') });
  await card.getByLabel('Backend API key').fill(sim.backendApiKey!);
  await card.getByRole('button', { name: 'Connect' }).click();
  await card.getByText(/^Connected:/).waitFor({ timeout: 30_000 });
  await options.close();
}

/**
 * In the page's main world: a MutationObserver on the panel's open shadow root notes each
 * probe row when it enters the DOM, and the frame that paints it (a message posted from
 * the next animation frame is handled once that frame's style, layout and paint are done).
 * The write time is in the row's text: both are Date.now() of this one machine's clock.
 */
async function installProbe(page: Page): Promise<void> {
  await page.evaluate((mark) => {
    const root = document.getElementById('proxbox-backend-logs')?.shadowRoot;
    if (!root) throw new Error("the panel's shadow root was not found");
    const probes: { n: number; domMs: number; paintedMs: number }[] = [];
    const seen = new Set<number>();
    const pattern = new RegExp(`${mark} (\\d+) @(\\d+)`);
    new MutationObserver(() => {
      for (const row of root.querySelectorAll('[role="row"][data-entry-id]')) {
        const m = pattern.exec(row.textContent ?? '');
        if (!m || seen.has(Number(m[1]))) continue;
        const n = Number(m[1]);
        const written = Number(m[2]);
        seen.add(n);
        const domMs = Date.now() - written;
        requestAnimationFrame(() => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => probes.push({ n, domMs, paintedMs: Date.now() - written });
          channel.port2.postMessage(null);
        });
      }
    }).observe(root, { childList: true, subtree: true, characterData: true });
    (globalThis as unknown as { __directProbes: typeof probes }).__directProbes = probes;
  }, MARK);
}

const probesOf = (page: Page) => page.evaluate(() => [...(globalThis as unknown as { __directProbes: Probe[] }).__directProbes]);

let probeCount = 0;

/** One recorded entry (the real mix of levels and modules), its message marked. */
function writeProbe(sim: Simulator): number {
  const all = realEntries();
  const n = ++probeCount;
  const template = all[n % all.length]!;
  sim.buffer.append({ ...template, message: `${MARK} ${n} @${Date.now()} ${template.message}` });
  return n;
}

async function runWindow(label: string, sim: Simulator, page: Page, log: (l: string) => void): Promise<WindowResult> {
  const fromSeq = sim.requests.list().at(-1)?.seq ?? 0;
  const t0 = Date.now();
  const written: number[] = [];
  let openStreamsMax = sim.backend.openStreams;
  while (Date.now() - t0 < WINDOW_S * 1000) {
    written.push(writeProbe(sim));
    openStreamsMax = Math.max(openStreamsMax, sim.backend.openStreams);
    const gap = (GAP_S[0] + Math.random() * (GAP_S[1] - GAP_S[0])) * 1000;
    await sleep(Math.min(gap, Math.max(0, WINDOW_S * 1000 - (Date.now() - t0))));
  }
  const t1 = Date.now();
  openStreamsMax = Math.max(openStreamsMax, sim.backend.openStreams);
  const records = sim.requests.list(fromSeq).filter((r) => r.server === 'backend' && Date.parse(r.time) <= t1);
  // The last entries are still on their way: wait for them (at most two view intervals).
  const want = new Set(written);
  const deadline = Date.now() + 2 * VIEW_INTERVAL_S * 1000;
  let probes = (await probesOf(page)).filter((p) => want.has(p.n));
  while (probes.length < want.size && Date.now() < deadline) {
    await sleep(100);
    probes = (await probesOf(page)).filter((p) => want.has(p.n));
  }
  const views = records.filter((r) => isLogs(r) && !isBadge(r));
  const viewTimes = views.map((r) => Date.parse(r.time)).sort((a, b) => a - b);
  const result: WindowResult = {
    label,
    seconds: (t1 - t0) / 1000,
    written: written.length,
    probes,
    views: views.length,
    badge: records.filter(isBadge).length,
    streamConnections: records.filter(isStream).length,
    sync: records.filter(isSyncProbe).length,
    other: records.filter((r) => !isLogs(r) && !isStream(r) && !isSyncProbe(r)).length,
    openStreamsMax,
    viewPollEveryS: viewTimes.length >= 2 ? (viewTimes.at(-1)! - viewTimes[0]!) / 1000 / (viewTimes.length - 1) : null,
  };
  log(
    `  ${label}: ${probes.length} of ${written.length} entries shown; backend requests in ${result.seconds.toFixed(0)} s: ` +
      `${result.views} views, ${result.badge} badge, ${result.streamConnections} stream, ${result.sync} /sync/active, ${result.other} other; streams open at most ${openStreamsMax}`,
  );
  return result;
}

/** The q-th quantile, nearest rank; null when empty or when it falls on an Infinity. */
function nearestRank(values: number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const v = sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  return Number.isFinite(v) ? v : null;
}

/** Write -> painted, the q-th quantile of a window; an entry never shown counts as never. */
function shownQuantile(w: WindowResult, q: number): number | null {
  const missing = Array.from({ length: w.written - w.probes.length }, () => Infinity);
  return nearestRank([...w.probes.map((p) => p.paintedMs), ...missing], q);
}

const perMin = (count: number, w: WindowResult) => (count * 60) / w.seconds;
const total = (w: WindowResult) => w.views + w.badge + w.streamConnections + w.sync + w.other;
const breakdown = (w: WindowResult) =>
  `${w.seconds.toFixed(0)} s window: views' /admin/logs ${w.views}, badge ${w.badge}, stream connections ${w.streamConnections}, /sync/active ${w.sync}, other ${w.other} (/health); ` +
  `at most ${w.openStreamsMax} stream(s) open; budget ${BUDGET_PER_MIN}/min per address, shared with NetBox's syncs`;

export async function runDirectModeBenches(opts: DirectModeBenchOptions): Promise<{ figures: Figure[]; raw: unknown }> {
  const sim = await startSimulator({ plugin: 'discovery', writerRate: 0, seed: 71 });
  const browser = await launch(opts.extensionDir);
  try {
    writeRealEntries(sim, 300);
    opts.log('direct mode: key entered on the options page; 3 NetBox tabs with the panel open, the side panel open');
    const first = await browser.ctx.newPage();
    await logIn(first, sim, 'admin', '/');
    await addAndConnect(browser, sim);
    const tabs: Page[] = [first];
    for (let i = 1; i < 3; i++) tabs.push(await browser.ctx.newPage());
    const paths = ['/dcim/devices/', '/virtualization/virtual-machines/', '/'];
    for (const [i, tab] of tabs.entries()) {
      await tab.goto(`${sim.baseUrl}${paths[i]}`);
      await openPanel(tab);
    }
    const side = await browser.ctx.newPage();
    await side.goto(browser.extensionUrl(`sidepanel.html?instance=${encodeURIComponent(sim.baseUrl)}`));
    await side.getByText(/^Showing \d+/).first().waitFor();
    // Tab A in front, as the tab the user looks at; the others are as visible (three
    // windows side by side: every view live, the most the views can ask of the backend).
    await tabs[0]!.bringToFront();
    await installProbe(tabs[0]!);
    // A sync runs while the user watches (its indicator in every view), as when operators look.
    sim.backend.syncs.start({ log: false });

    // ---- the stream ----
    const streamUp = Date.now() + 20_000;
    while (sim.backend.openStreams === 0 && Date.now() < streamUp) await sleep(100);
    if (sim.backend.openStreams === 0) throw new Error('the worker opened no stream to the backend');
    await sleep(VIEW_INTERVAL_S * 1000 + 500); // every view settled on the stream
    opts.log(`direct mode: stream, ${WINDOW_S} s, an entry written every ${GAP_S.join('-')} s`);
    const stream = await runWindow('stream', sim, tabs[0]!, opts.log);

    // ---- polling: the backend offers no stream ----
    sim.backend.offersStream = false;
    await sleep(VIEW_INTERVAL_S * 1000 + 500); // the stream closed, the views poll
    opts.log(`direct mode: no stream (views poll), ${WINDOW_S} s`);
    const polling = await runWindow('polling', sim, tabs[0]!, opts.log);
    sim.backend.offersStream = true;

    const streamP95 = shownQuantile(stream, 0.95);
    const pollP95 = shownQuantile(polling, 0.95);
    const samples = (w: WindowResult) =>
      `${w.probes.length} of ${w.written} entries shown; write -> in the DOM, median ${nearestRank(w.probes.map((p) => p.domMs), 0.5)?.toFixed(0)} ms; ` +
      `slowest painted ${nearestRank(w.probes.map((p) => p.paintedMs), 1)?.toFixed(0)} ms`;
    const figures: Figure[] = [
      figure({
        section: SECTION,
        name: 'new entry on screen (backend write -> row painted in the panel), with the stream: p95',
        value: streamP95,
        unit: 'ms',
        target: { op: '<', value: 1000 },
        ...(pollP95 !== null && streamP95 ? { baseline: { name: 'polling, p95 (below)', value: pollP95, unit: 'ms' }, ratio: pollP95 / streamP95, ratioLabel: 'faster' } : {}),
        note: samples(stream),
      }),
      figure({ section: SECTION, name: 'new entry on screen, with the stream: median', value: shownQuantile(stream, 0.5), unit: 'ms' }),
      figure({
        section: SECTION,
        name: 'new entry on screen, polling (the backend offers no stream): p95',
        value: pollP95,
        unit: 'ms',
        // One view interval of waiting for the next poll at worst, and a second for the rest.
        target: { op: '<=', value: (VIEW_INTERVAL_S + 1) * 1000 },
        ...(polling.viewPollEveryS !== null ? { baseline: { name: "the views' poll interval (measured)", value: polling.viewPollEveryS * 1000, unit: 'ms' } } : {}),
        note: samples(polling),
      }),
      figure({ section: SECTION, name: 'new entry on screen, polling: median', value: shownQuantile(polling, 0.5), unit: 'ms' }),
      figure({
        section: SECTION,
        name: 'backend requests/min, 3 NetBox tabs (panel open) + side panel, with the stream: all (logs, badge, stream connections, /sync/active, /health)',
        value: perMin(total(stream), stream),
        unit: 'req/min',
        target: { op: '<=', value: BUDGET_PER_MIN * OUR_SHARE },
        baseline: { name: 'the same without a stream (views poll, below)', value: perMin(total(polling), polling), unit: 'req/min' },
        ...(total(stream) > 0 ? { ratio: total(polling) / total(stream), ratioLabel: 'fewer' } : {}),
        note: breakdown(stream),
      }),
      figure({
        section: SECTION,
        name: 'with the stream: stream connections open at once (one per backend, shared by the 4 views)',
        value: stream.openStreamsMax,
        unit: 'streams',
        target: { op: '=', value: 1 },
        note: `${stream.streamConnections} opened in the window`,
      }),
      figure({
        section: SECTION,
        name: 'backend requests/min, the same views, polling (no stream): /admin/logs (views + badge)',
        value: perMin(polling.views + polling.badge, polling),
        unit: 'req/min',
        target: { op: '<=', value: BUDGET_PER_MIN * OUR_SHARE },
        note: breakdown(polling),
      }),
      figure({
        section: SECTION,
        name: 'the running sync (GET /sync/active) per minute, the same views, with the stream (a sync running)',
        value: perMin(stream.sync, stream),
        unit: 'req/min',
        // One per badge alarm (30 s), none for the badge polls views trigger between: at most one per half interval.
        target: { op: '<=', value: 4 },
        baseline: { name: 'badge polls (alarms and those new errors triggered)', value: perMin(stream.badge, stream), unit: 'req/min' },
        note: `${stream.sync} in ${stream.seconds.toFixed(0)} s; polling window: ${polling.sync} in ${polling.seconds.toFixed(0)} s; the views re-read the worker's answer and ask nothing`,
      }),
      figure({
        section: SECTION,
        name: "polling: the worker's attempts to open the stream (backing off 5 -> 60 s), per minute",
        value: perMin(polling.streamConnections, polling),
        unit: 'req/min',
        note: `${polling.streamConnections} in ${polling.seconds.toFixed(0)} s (each answered 404); all requests together ${perMin(total(polling), polling).toFixed(1)}/min of the ${BUDGET_PER_MIN}`,
      }),
    ];
    return { figures, raw: { windowSec: WINDOW_S, gapSec: GAP_S, budgetPerMin: BUDGET_PER_MIN, stream, polling } };
  } finally {
    await browser.close();
    await sim.close();
  }
}
