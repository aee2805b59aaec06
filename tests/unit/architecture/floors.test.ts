// The folders say where code runs (docs/architecture.md, "Folders by where code runs"), and
// imports only go down: a newcomer can tell from a file's folder what it may touch.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '../../..');

type Floor = 'core' | 'browser' | 'background' | 'views' | 'content' | 'entrypoints';

/** What each floor may import from the project (its own floor included). */
const mayImport: Record<Floor, Floor[]> = {
  core: ['core'],
  browser: ['core', 'browser'],
  background: ['core', 'browser', 'background'],
  views: ['core', 'browser', 'views'],
  content: ['core', 'browser', 'views', 'content'],
  entrypoints: ['core', 'browser', 'background', 'views', 'content', 'entrypoints'],
};

function floorOf(file: string): Floor | null {
  if (file.startsWith('lib/core/')) return 'core';
  if (file.startsWith('lib/browser/')) return 'browser';
  if (file.startsWith('lib/background/')) return 'background';
  if (file.startsWith('lib/content/')) return 'content';
  if (file.startsWith('components/')) return 'views';
  if (file.startsWith('entrypoints/')) return 'entrypoints';
  return null;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

const IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"]([^'"\n]+)['"]/g;

function importsOf(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  return [...text.matchAll(IMPORT)].map((m) => m[1]!);
}

function projectPath(file: string, spec: string): string | null {
  const bare = spec.split('?')[0]!;
  if (bare.startsWith('@/') || bare.startsWith('~/')) return bare.slice(2);
  if (bare.startsWith('.')) return relative(root, normalize(join(root, dirname(file), bare)));
  return null;
}

const files = ['lib', 'components', 'entrypoints'].flatMap(sourceFiles);

describe('folders by where code runs', () => {
  it('finds the source files (the walk itself works)', () => {
    expect(files).toContain('lib/core/log-store.ts');
    expect(files).toContain('lib/background/worker.ts');
    expect(files.length).toBeGreaterThan(80);
  });

  it('every source file sits on a floor', () => {
    expect(files.filter((f) => floorOf(f) === null)).toEqual([]);
  });

  it('no import runs back up a floor', () => {
    const upward: string[] = [];
    for (const file of files) {
      const floor = floorOf(file)!;
      for (const spec of importsOf(file)) {
        const target = projectPath(file, spec);
        if (target === null) continue;
        const targetFloor = floorOf(target);
        if (targetFloor !== null && !mayImport[floor].includes(targetFloor)) upward.push(`${file} -> ${target}`);
      }
    }
    expect(upward).toEqual([]);
  });

  it('lib/core is plain logic: no extension API, no DOM, so it runs in Node', () => {
    const touching: string[] = [];
    for (const file of files.filter((f) => floorOf(f) === 'core')) {
      const text = readFileSync(join(root, file), 'utf8').replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '');
      const packages = importsOf(file).filter((s) => /^(wxt|webextension-polyfill|@webext-core|preact$|preact\/)/.test(s));
      if (packages.length > 0) touching.push(`${file}: imports ${packages.join(', ')}`);
      if (/\b(browser|chrome)\.[a-z]+\.|\bdocument\.|\bwindow\./.test(text)) touching.push(`${file}: uses the browser or the DOM`);
    }
    expect(touching).toEqual([]);
  });
});
