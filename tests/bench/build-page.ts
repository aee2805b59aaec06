// Builds tests/bench/page/bench-page.tsx (the real panel components + the baseline renderer)
// into one minified script, with the same Vite + Preact preset the extension build uses.
import path from 'node:path';
import preact from '@preact/preset-vite';
import { build } from 'vite';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const PAGE_OUT_DIR = path.join(ROOT, 'bench-output/page');
export const PAGE_SCRIPT = path.join(PAGE_OUT_DIR, 'bench-page.js');

export async function buildBenchPage(opts: { minify?: boolean } = {}): Promise<string> {
  await build({
    root: ROOT,
    configFile: false,
    logLevel: 'warn',
    mode: 'production',
    plugins: [preact()],
    resolve: { alias: { '@': ROOT } },
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: {
      outDir: PAGE_OUT_DIR,
      emptyOutDir: true,
      minify: opts.minify ?? true,
      copyPublicDir: false,
      lib: {
        entry: path.join(ROOT, 'tests/bench/page/bench-page.tsx'),
        formats: ['iife'],
        name: 'pblBenchPage',
        fileName: () => 'bench-page.js',
      },
    },
  });
  return PAGE_SCRIPT;
}
