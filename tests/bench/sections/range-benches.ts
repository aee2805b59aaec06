// 8. The time range and the chart (issue 22): a From/To range deep in a full buffer, timed
// to its exact rows and total, with the requests it took; and the chart's main-thread cost
// per live update with 10,000 entries held. The real panel in a logged-in NetBox page of
// the simulator, reading through the logs proxy (tests/bench/page/range-page.tsx).
import { logIn } from '../../e2e/netbox';
import { idsBetween } from '../../e2e/range-expectations';
import { PROXY_PATH, startSimulator, type Simulator } from '../../simulator/index';
import { launch } from '../browser';
import { addPageScript, pageCaller } from '../page-api';
import type { LiveUpdate, RangeApi, RangeResult } from '../page/range-page';
import { figure, median, type Figure } from '../report';

const SECTION = '8 range and chart';
const MIN = 60_000;

/** Requests the logs proxy served after `seq`, and the last seq. */
async function proxyRequests(sim: Simulator, seq: number): Promise<{ paths: string[]; last: number }> {
  const list = sim.requests.list(seq);
  return { paths: list.filter((r) => r.path.includes(PROXY_PATH)).map((r) => r.path), last: list.at(-1)?.seq ?? seq };
}

export interface RangeBenchRaw {
  ranges: Array<{ name: string; from: number; to: number; expected: number; runs: RangeResult[]; requests: string[] }>;
  live: { open: LiveUpdate[]; folded: LiveUpdate[]; bars: { p50: number; p95: number; entries: number } };
}

export async function runRangeBenches(opts: { script: string; log: (line: string) => void; runs?: number; updates?: number }): Promise<{ figures: Figure[]; raw: RangeBenchRaw }> {
  const runs = opts.runs ?? 5;
  const updates = opts.updates ?? 12;
  const figures: Figure[] = [];
  const browser = await launch();
  const sim = await startSimulator({ plugin: 'proxy', writerRate: 0, seed: 22, capacity: 10_000 });
  try {
    // A full buffer: 12,000 entries of the last 8 hours, the oldest 2,000 already dropped.
    sim.writer.backfill(12_000, 8);
    const oldest = Date.parse(sim.buffer.get(sim.buffer.oldestId!)!.timestamp);
    const newest = Date.parse(sim.buffer.get(sim.buffer.newestId!)!.timestamp);
    opts.log(`range and chart: ${sim.buffer.size} entries held, ${((newest - oldest) / 3_600_000).toFixed(1)} h`);
    const page = await browser.ctx.newPage();
    await logIn(page, sim, 'admin', '/dcim/devices/');
    await addPageScript(page, opts.script, '__pblRange');
    const call = pageCaller<RangeApi>(page, '__pblRange');
    await call('start', { baseUrl: sim.baseUrl, proxyPath: PROXY_PATH });

    const minute = (ms: number) => Math.round(ms / MIN) * MIN;
    const deepFrom = minute(oldest + 60 * MIN);
    const ranges = [
      { name: '30 minutes, an hour after the oldest entry held', from: deepFrom, to: deepFrom + 30 * MIN },
      { name: 'everything but its first and last half hour', from: minute(oldest + 30 * MIN), to: minute(newest - 30 * MIN) },
    ];
    const raw: RangeBenchRaw = { ranges: [], live: { open: [], folded: [], bars: { p50: NaN, p95: NaN, entries: 0 } } };
    for (const range of ranges) {
      const expected = idsBetween(sim, range.from, range.to).length;
      const results: RangeResult[] = [];
      let requests: string[] = [];
      for (let i = 0; i <= runs; i++) {
        await call('clearRange');
        const before = (await proxyRequests(sim, 0)).last;
        const result = await call('showRange', range.from, range.to);
        requests = (await proxyRequests(sim, before)).paths;
        if (i > 0) results.push(result); // the first run warms up
      }
      raw.ranges.push({ ...range, expected, runs: results, requests });
      const exact = results.every((r) => r.loaded === expected && r.total === expected);
      figures.push(
        figure({
          section: SECTION,
          name: `a From/To range deep in a full buffer (10,000 held): ${range.name}, ${expected.toLocaleString('en-US')} entries: set -> exact rows and total painted, median of ${runs}`,
          value: median(results.map((r) => r.ms)),
          unit: 'ms',
          note: `first rows after ${median(results.map((r) => r.firstRowsMs)).toFixed(0)} ms; requests: ${requests.map((p) => p.replace(/^.*\?/, '')).join(' | ')}`,
        }),
        figure({
          section: SECTION,
          name: `  the same: requests (To's probe + pages of 5,000)`,
          value: requests.length,
          unit: 'requests',
          target: { op: '<=', value: 1 + Math.ceil(expected / 5000) },
        }),
        figure({ section: SECTION, name: '  the same: rows and total exactly the backend’s (every run)', value: exact ? 1 : 0, unit: 'yes', target: { op: '=', value: 1 } }),
      );
    }

    // ---- the chart per live update, 10,000 entries held (a range over all of them, open) ----
    opts.log('range and chart: 10,000 entries held, live updates with the chart open and folded');
    await call('clearRange');
    const all = await call('showRange', oldest - MIN, null);
    for (let i = 0; i < updates; i++) {
      for (const folded of [false, true]) {
        await call('setChartFolded', folded);
        sim.writer.write(5);
        const update = await call('liveUpdate');
        if (i > 0) (folded ? raw.live.folded : raw.live.open).push(update); // the first pair warms up
      }
    }
    await call('setChartFolded', false);
    raw.live.bars = await call('countBars', 200);
    await page.close();
    const open = median(raw.live.open.map((u) => u.applyMs));
    const folded = median(raw.live.folded.map((u) => u.applyMs));
    figures.push(
      figure({
        section: SECTION,
        name: `the chart's main-thread cost per live update with ${all.loaded.toLocaleString('en-US')} entries held: apply a poll (answer -> rendered), chart open minus folded, median of ${raw.live.open.length}`,
        value: open - folded,
        unit: 'ms',
        note: `open ${open.toFixed(2)} ms, folded ${folded.toFixed(2)} ms; chart renders per update ${median(raw.live.open.map((u) => u.chartRenders))}`,
      }),
      figure({
        section: SECTION,
        name: `  of which counting the bars (${raw.live.bars.entries.toLocaleString('en-US')} entries), median of 200 (p95 ${raw.live.bars.p95.toFixed(3)} ms)`,
        value: raw.live.bars.p50,
        unit: 'ms',
      }),
      figure({ section: SECTION, name: '  a live update with the chart open: answer -> rendered, median', value: open, unit: 'ms', target: { op: '<=', value: 16.7 } }),
      figure({ section: SECTION, name: '  the same with the chart folded', value: folded, unit: 'ms' }),
    );
    return { figures, raw };
  } finally {
    await browser.close();
    await sim.close();
  }
}
