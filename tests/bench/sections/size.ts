// 6. Size: the content script, the lazily loaded panel, the worker, each page (HTML + the
// scripts and styles it loads), raw and gzip; each zip as shipped.
import { readFileSync, existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { figure, type Figure } from '../report';

const KB = 1024;

function gz(bytes: Buffer): number {
  return gzipSync(bytes, { level: 9 }).length;
}

/** A file and every file it statically imports (JS) or links (HTML), relative to the build root. */
function closure(root: string, entry: string): string[] {
  const seen = new Set<string>();
  const visit = (rel: string) => {
    const clean = rel.replace(/^\//, '').split(/[?#]/)[0]!;
    if (seen.has(clean) || !existsSync(path.join(root, clean))) return;
    seen.add(clean);
    const text = readFileSync(path.join(root, clean), 'utf8');
    const dir = path.posix.dirname(clean);
    const refs: string[] = [];
    if (clean.endsWith('.html')) {
      for (const m of text.matchAll(/(?:src|href)="([^"]+\.(?:js|css))"/g)) refs.push(m[1]!);
    } else if (clean.endsWith('.js')) {
      for (const m of text.matchAll(/(?:\bimport\s*|\bfrom\s*)["']([^"']+\.js)["']/g)) refs.push(m[1]!);
    }
    for (const ref of refs) {
      if (/^[a-z]+:/i.test(ref)) continue;
      visit(ref.startsWith('/') ? ref : path.posix.normalize(path.posix.join(dir, ref)));
    }
  };
  visit(entry);
  return [...seen];
}

function measure(root: string, files: string[]): { raw: number; gzip: number } {
  let raw = 0;
  let gzip = 0;
  for (const f of files) {
    const bytes = readFileSync(path.join(root, f));
    raw += bytes.length;
    gzip += gz(bytes);
  }
  return { raw, gzip };
}

function unzippedSize(zip: string): number | null {
  // Sum of the uncompressed sizes in the central directory.
  const buf = readFileSync(zip);
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) return null;
  const entries = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  let total = 0;
  for (let i = 0; i < entries; i++) {
    if (buf.readUInt32LE(at) !== 0x02014b50) return null;
    total += buf.readUInt32LE(at + 24);
    const n = buf.readUInt16LE(at + 28);
    const m = buf.readUInt16LE(at + 30);
    const k = buf.readUInt16LE(at + 32);
    at += 46 + n + m + k;
  }
  return total;
}

export interface SizeInput {
  /** bench-output/build */
  buildDir: string;
}

export function runSize({ buildDir }: SizeInput): { figures: Figure[]; raw: Record<string, unknown> } {
  const figures: Figure[] = [];
  const raw: Record<string, unknown> = {};
  for (const target of ['chrome-mv3', 'firefox-mv3']) {
    const root = path.join(buildDir, target);
    if (!existsSync(root)) continue;
    const browser = target.startsWith('chrome') ? 'Chrome' : 'Firefox';
    const files: Record<string, { raw: number; gzip: number; files: string[] }> = {};
    const add = (label: string, entry: string) => {
      const list = closure(root, entry);
      if (list.length > 0) files[label] = { ...measure(root, list), files: list };
    };
    add('content script', 'content-scripts/content.js');
    // The panel, loaded only when it is opened (if the build splits it off).
    for (const f of readdirSync(root)) if (/^content-panel.*\.js$/.test(f)) add('panel (loaded on open)', f);
    if (existsSync(path.join(root, 'content-scripts')))
      for (const f of readdirSync(path.join(root, 'content-scripts')))
        if (f !== 'content.js' && f.endsWith('.js')) add(`content-scripts/${f} (loaded on open)`, `content-scripts/${f}`);
    add('background worker', 'background.js');
    for (const page of ['popup.html', 'options.html', 'sidepanel.html']) add(`page ${page} (+ its scripts, styles)`, page);
    raw[target] = files;
    for (const [label, m] of Object.entries(files)) {
      const isContent = label === 'content script';
      figures.push(
        figure({
          section: '6 size',
          name: `${browser}: ${label}, gzip (raw ${(m.raw / KB).toFixed(1)} KB)`,
          value: m.gzip / KB,
          unit: 'KB',
          ...(isContent ? { target: { op: '<=' as const, value: 40 } } : {}),
        }),
      );
    }
  }
  const zips = existsSync(buildDir) ? readdirSync(buildDir).filter((f) => f.endsWith('.zip')) : [];
  for (const zip of zips.sort()) {
    const full = path.join(buildDir, zip);
    const size = statSync(full).size;
    const unzipped = unzippedSize(full);
    const chrome = /-chrome\.zip$/.test(zip);
    figures.push(
      figure({
        section: '6 size',
        name: `${zip} (unzipped ${unzipped === null ? '?' : (unzipped / KB).toFixed(1)} KB)`,
        value: size / KB,
        unit: 'KB',
        ...(chrome ? { target: { op: '<=' as const, value: 200 } } : {}),
      }),
    );
    raw[zip] = { bytes: size, unzippedBytes: unzipped };
  }
  return { figures, raw };
}
