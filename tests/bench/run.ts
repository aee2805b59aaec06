// `npm run bench`: the performance figures of docs/performance.md, measured in real headless
// Chromium against the simulator. Prints each figure with its unit, its target, the
// baseline measured in the same run where there is one, and PASS/MISS; writes them all to
// bench-output/bench.json. A benchmark reports: it never fails (exit code 0), since a slow
// or busy machine says nothing about the code.
//
//   npm run bench                      everything (about 6 minutes)
//   npm run bench -- --only render,size   some sections: peer (0: the panel vs the Proxbox
//                                      page), render (1-3: rendering, scale, search),
//                                      extension (4-5: network, alert latency), size (6),
//                                      direct (7: direct mode, reserved: figures not added yet)
//   npm run bench -- --window 20       seconds per request-counting window (default 25)
//   npm run bench -- --tail 60         seconds of the live tail of section 0 (default 30)
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
import { runPeerBenches } from './sections/peer-benches';
import { runSize } from './sections/size';

const OUT_DIR = path.join(ROOT, 'bench-output');
const BUILD_DIR = path.join(OUT_DIR, 'build');
const CONFIG = 'tests/bench/wxt.bench.config.ts';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const only = new Set((arg('only') ?? 'peer,size,render,extension,direct').split(',').map((s) => s.trim()));
const windowSec = Number(arg('window') ?? 25);
const tailSec = Number(arg('tail') ?? 30);
const started = Date.now();
const log = (line: string) => console.log(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${line}`);

function wxt(args: string[]): void {
  execFileSync('npx', ['wxt', ...args, '-c', CONFIG], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
}

async function section<T>(name: string, run: () => Promise<{ figures: Figure[]; raw: T }> | { figures: Figure[]; raw: T }) {
  try {
    return await run();
  } catch (error) {
    log(`${name} failed: ${(error as Error).stack ?? error}`);
    return { figures: [figure({ section: name, name: `section failed: ${String((error as Error).message ?? error).slice(0, 200)}`, value: null, unit: '', status: 'ERROR' })], raw: null };
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

const needsE2eBuild = only.has('extension') || only.has('peer') || only.has('direct');
if (only.has('size') || needsE2eBuild) {
  log('building the extension (production Chrome + Firefox with zips, and the e2e build) into bench-output/build');
  if (only.has('size')) {
    wxt(['zip']);
    wxt(['zip', '-b', 'firefox']);
  }
  if (needsE2eBuild) wxt(['build', '--mode', 'e2e']);
}
const E2E_BUILD = path.join(BUILD_DIR, 'chrome-mv3-e2e');

if (only.has('size')) {
  const size = await section('6 size', () => runSize({ buildDir: BUILD_DIR }));
  raw.size = size.raw;
  figures.push(...size.figures);
}

if (only.has('peer')) {
  log('building the Proxbox page stand-in (tests/bench/page/peer-page.ts)');
  const script = await buildPageScript('peer-page');
  const peer = await section('0 vs Proxbox page', () => runPeerBenches({ extensionDir: E2E_BUILD, script, log, tailSec }));
  raw.peer = peer.raw;
  figures.push(...peer.figures);
}

if (only.has('render')) {
  log('building the bench page (the real panel components + the baseline renderer)');
  const script = await buildPageScript('bench-page');
  const pages = await section('1-3 rendering/scale/search', () => runPageBenches({ script, log }));
  raw.pages = pages.raw;
  figures.push(...pages.figures);
}

if (only.has('extension')) {
  const ext = await section('4-5 network/alert', () =>
    runExtensionBenches({ extensionDir: E2E_BUILD, log, windowSec }),
  );
  raw.extension = ext.raw;
  figures.push(...ext.figures);
}

// ---- 7. direct mode: RESERVED for the lead (tests/bench/sections/direct-mode-benches.ts) ----
if (only.has('direct')) {
  const direct = await section('7 direct mode', () => runDirectModeBenches({ extensionDir: E2E_BUILD, log }));
  raw.direct = direct.raw;
  figures.push(...direct.figures);
}

// Sections in their numbered order (stable: figures keep their order within a section).
figures.sort((a, b) => parseInt(a.section, 10) - parseInt(b.section, 10));

const seconds = Math.round((Date.now() - started) / 1000);
const result = {
  date: new Date().toISOString(),
  seconds,
  machine: { ...machine, loadAverageAtEnd: os.loadavg().map((n) => Math.round(n * 100) / 100) },
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
  `\n${result.summary.pass} PASS, ${result.summary.miss} MISS, ${result.summary.error} ERROR in ${seconds} s ` +
    `(load average ${result.machine.loadAverageAtEnd.join(' ')} on ${machine.cpus} CPUs). ` +
    `Written: bench-output/bench.json, bench-output/bench.md`,
);
process.exit(0);
