// `npm run bench`: the performance figures of docs/performance.md, measured in real headless
// Chromium against the simulator. Prints each figure with its unit, its target, the
// baseline measured in the same run where there is one, and PASS/MISS; writes them all to
// bench-output/bench.json. A benchmark reports: it never fails (exit code 0), since a slow
// or busy machine says nothing about the code. Ends with the seconds each section took.
//
//   npm run bench                      everything (about 6 minutes on a quiet 2-vCPU machine)
//   npm run bench -- --only render,size   some sections: peer (0: the panel vs the Proxbox
//                                      page), navigation (0: NetBox pages with the panel left
//                                      open vs the Proxbox page), render (1-3: rendering, scale, search),
//                                      extension (4-5: network, alert latency), size (6),
//                                      direct (7: direct mode), range (8: time range and chart)
//   npm run bench -- --window 20       seconds per request-counting window of section 4 (default 25)
//   npm run bench -- --tail 60         seconds of the live tail of section 0 (default 30)
//   npm run bench -- --serial          sections 4-5 and 7 one after the other (by default they
//                                      run at the same time: both mostly wait on timers)
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildPageScript, ROOT } from './build-page';
import { CHROMIUM } from './browser';
import { figure, markdown, table, type Figure } from './report';
import { runDirectModeBenches } from './sections/direct-mode-benches';
import { runExtensionBenches } from './sections/extension-benches';
import { runPageBenches } from './sections/page-benches';
import { runNavigationBenches } from './sections/navigation-benches';
import { runPeerBenches } from './sections/peer-benches';
import { runRangeBenches } from './sections/range-benches';
import { runSize } from './sections/size';

const OUT_DIR = path.join(ROOT, 'bench-output');
const BUILD_DIR = path.join(OUT_DIR, 'build');
const CONFIG = 'tests/bench/wxt.bench.config.ts';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const only = new Set((arg('only') ?? 'peer,navigation,size,render,extension,direct,range').split(',').map((s) => s.trim()));
const windowSec = Number(arg('window') ?? 25);
const tailSec = Number(arg('tail') ?? 30);
const serial = process.argv.includes('--serial');
const started = Date.now();
const log = (line: string) => console.log(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${line}`);

function wxt(args: string[]): void {
  execFileSync('npx', ['wxt', ...args, '-c', CONFIG], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
}

/** Wall-clock seconds of each section (its builds included), in the order they ran. */
const sectionSeconds: Record<string, number> = {};

async function section<T>(name: string, run: () => Promise<{ figures: Figure[]; raw: T }> | { figures: Figure[]; raw: T }) {
  const t0 = Date.now();
  sectionSeconds[name] = 0; // listed in the order the sections start
  try {
    return await run();
  } catch (error) {
    log(`${name} failed: ${(error as Error).stack ?? error}`);
    return { figures: [figure({ section: name, name: `section failed: ${String((error as Error).message ?? error).slice(0, 200)}`, value: null, unit: '', status: 'ERROR' })], raw: null };
  } finally {
    sectionSeconds[name] = Math.round((Date.now() - t0) / 1000);
  }
}

const machine = {
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model ?? '?',
  memoryGB: Math.round(os.totalmem() / 1024 ** 3),
  loadAverageAtStart: os.loadavg().map((n) => Math.round(n * 100) / 100),
  node: process.version,
  chromium: (() => {
    try {
      return execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return '?';
    }
  })(),
};
log(`${machine.cpus} CPUs, load average ${machine.loadAverageAtStart.join(' ')}, ${machine.chromium}`);

const figures: Figure[] = [];
const raw: Record<string, unknown> = {};

const needsE2eBuild = only.has('extension') || only.has('peer') || only.has('navigation') || only.has('direct');
if (only.has('size') || needsE2eBuild) {
  log(`building into bench-output/build: ${[...(only.has('size') ? ['the production zips (Chrome, Firefox)'] : []), ...(needsE2eBuild ? ['the e2e build'] : [])].join(' and ')}`);
  const t0 = Date.now();
  if (only.has('size')) {
    wxt(['zip']);
    wxt(['zip', '-b', 'firefox']);
  }
  if (needsE2eBuild) wxt(['build', '--mode', 'e2e']);
  sectionSeconds['builds'] = Math.round((Date.now() - t0) / 1000);
}
const E2E_BUILD = path.join(BUILD_DIR, 'chrome-mv3-e2e');

function keep(key: string, result: { figures: Figure[]; raw: unknown }): void {
  raw[key] = result.raw;
  figures.push(...result.figures);
}

if (only.has('size')) keep('size', await section('6 size', () => runSize({ buildDir: BUILD_DIR })));

if (only.has('peer')) {
  keep(
    'peer',
    await section('0 vs Proxbox page', async () => {
      log('building the Proxbox page stand-in (tests/bench/page/peer-page.ts)');
      const script = await buildPageScript('peer-page');
      return runPeerBenches({ extensionDir: E2E_BUILD, script, log, tailSec });
    }),
  );
}

if (only.has('navigation')) {
  keep(
    'navigation',
    await section('0 navigation', async () => {
      const script = await buildPageScript('peer-page');
      return runNavigationBenches({ extensionDir: E2E_BUILD, script, log });
    }),
  );
}

if (only.has('render')) {
  keep(
    'pages',
    await section('1-3 rendering/scale/search', async () => {
      log('building the bench page (the real panel components + the baseline renderer)');
      const script = await buildPageScript('bench-page');
      return runPageBenches({ script, log });
    }),
  );
}

if (only.has('range')) {
  keep(
    'range',
    await section('8 range and chart', async () => {
      log('building the range page (the real panel with a time range and the chart)');
      const script = await buildPageScript('range-page');
      return runRangeBenches({ script, log });
    }),
  );
}

// 4-5 and 7 each spend most of their time waiting on timers (request-counting windows, the
// badge's 30 s alarm) with a few idle pages open, so by default they run at the same time,
// each in its own browser against its own simulator; the CPU-bound sections above run alone.
const waiting: Array<[string, () => Promise<{ figures: Figure[]; raw: unknown }>]> = [];
if (only.has('extension')) waiting.push(['extension', () => section('4-5 network/alert', () => runExtensionBenches({ extensionDir: E2E_BUILD, log, windowSec }))]);
if (only.has('direct')) waiting.push(['direct', () => section('7 direct mode', () => runDirectModeBenches({ extensionDir: E2E_BUILD, log }))]);
if (serial) {
  for (const [key, run] of waiting) keep(key, await run());
} else {
  const results = await Promise.all(waiting.map(([, run]) => run()));
  results.forEach((result, i) => keep(waiting[i]![0], result));
}

// Sections in their numbered order (stable: figures keep their order within a section).
figures.sort((a, b) => parseInt(a.section, 10) - parseInt(b.section, 10));

const seconds = Math.round((Date.now() - started) / 1000);
const result = {
  date: new Date().toISOString(),
  seconds,
  machine: { ...machine, loadAverageAtEnd: os.loadavg().map((n) => Math.round(n * 100) / 100) },
  sectionSeconds,
  concurrent: !serial && waiting.length > 1 ? waiting.map(([key]) => key) : [],
  command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
  figures,
  summary: {
    pass: figures.filter((f) => f.status === 'PASS').length,
    miss: figures.filter((f) => f.status === 'MISS').length,
    error: figures.filter((f) => f.status === 'ERROR').length,
  },
  raw,
};
mkdirSync(OUT_DIR, { recursive: true });
writeFileSync(path.join(OUT_DIR, 'bench.json'), JSON.stringify(result, null, 2));
writeFileSync(path.join(OUT_DIR, 'bench.md'), `${markdown(figures)}\n`);

console.log(`\n${table(figures)}\n`);
for (const f of figures) if (f.note) console.log(`- ${f.name}: ${f.note}`);
console.log(
  `\nSeconds per section: ${Object.entries(sectionSeconds)
    .map(([name, sec]) => `${name} ${sec} s`)
    .join(', ')}${result.concurrent.length ? ` (${result.concurrent.join(' and ')} at the same time)` : ''}.`,
);
console.log(
  `${result.summary.pass} PASS, ${result.summary.miss} MISS, ${result.summary.error} ERROR in ${seconds} s ` +
    `(load average ${result.machine.loadAverageAtEnd.join(' ')} on ${machine.cpus} CPUs). ` +
    `Written: bench-output/bench.json, bench-output/bench.md`,
);
process.exit(0);
