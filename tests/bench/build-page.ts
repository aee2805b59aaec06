// Builds the in-page scripts of the benchmarks, each into one minified script, with the
// same Vite + Preact preset the extension build uses:
// - bench-page.js (tests/bench/page/bench-page.tsx): the real panel components, mounted
//   in a NetBox page (rendering, scale, search);
// - peer-page.js (tests/bench/page/peer-page.ts): the Proxbox page stand-in and the
//   helpers that drive the extension's panel (the panel vs the Proxbox page);
// - range-page.js (tests/bench/page/range-page.tsx): the real panel with a time range
//   and the chart (section 8).
import path from 'node:path';
import preact from '@preact/preset-vite';
import { build } from 'vite';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const PAGE_OUT_DIR = path.join(ROOT, 'bench-output/page');

export type PageScript = 'bench-page' | 'peer-page' | 'range-page';

const ENTRIES: Record<PageScript, string> = {
  'bench-page': 'tests/bench/page/bench-page.tsx',
  'peer-page': 'tests/bench/page/peer-page.ts',
  'range-page': 'tests/bench/page/range-page.tsx',
};

/** Builds one in-page script; returns its path. */
export async function buildPageScript(name: PageScript, opts: { minify?: boolean } = {}): Promise<string> {
  const outDir = path.join(PAGE_OUT_DIR, name);
  await build({
    root: ROOT,
    configFile: false,
    logLevel: 'warn',
    mode: 'production',
    plugins: [preact()],
    resolve: { alias: { '@': ROOT } },
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: {
      outDir,
      emptyOutDir: true,
      minify: opts.minify ?? true,
      copyPublicDir: false,
      lib: {
        entry: path.join(ROOT, ENTRIES[name]),
        formats: ['iife'],
        name: name.replace(/-(\w)/g, (_, c: string) => c.toUpperCase()),
        fileName: () => `${name}.js`,
      },
    },
  });
  return path.join(outDir, `${name}.js`);
}
