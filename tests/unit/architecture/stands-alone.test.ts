// @vitest-environment node
// The repository stands alone: no file names a path outside the checkout, so a clone with
// nothing beside it installs, passes and documents itself. This catches what a file says;
// .ci/lone-clone.sh catches what the code does, by running the suites in an empty folder.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REAL_NETBOX, REAL_PROXBOX_API } from '../../fixtures/real-recordings';

const root = resolve(__dirname, '../../..');
const parent = dirname(root);

// The folder of notes and recordings some machines keep beside the checkout, never a user's.
// Built, not written: this file must not hold what it looks for.
const BESIDE = ['..', 'shared'].join('/');
/** `../x` (and `../../x`, …) where it starts a path, not inside a URL or `...`. */
const CLIMB = /(?<![\w./\\-])\.\.\/[\w.@/-]*/g;

/** Where `text` (the content of `file`, relative to the root) names a place outside the root. */
function outsideReferences(file: string, text: string): string[] {
  const found: string[] = [];
  if (text.includes(BESIDE)) found.push(BESIDE);
  // An absolute path into the folder that holds the checkout (the root itself aside).
  if (parent !== sep && text.includes(parent + sep)) {
    for (const m of text.matchAll(new RegExp(`${escapeRegExp(parent + sep)}[\\w.@/-]*`, 'g'))) {
      if (!isInside(m[0])) found.push(m[0]);
    }
  }
  for (const m of text.matchAll(CLIMB)) {
    const target = m[0].replace(/[.,:;]+$/, '');
    if (!isInside(resolve(root, dirname(file), target))) found.push(target);
  }
  return found;
}

function isInside(path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Every file of the checkout: tracked, and new ones not ignored; deleted ones aside. */
function checkoutFiles(): string[] {
  const out = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' });
  return [...new Set(out.split('\0').filter(Boolean))].filter((f) => existsSync(join(root, f)));
}

const files = checkoutFiles();
const texts = files
  .map((file) => ({ file, text: readFileSync(join(root, file), 'utf8') }))
  .filter(({ text }) => !text.includes('\0')); // images and other binaries

describe('the repository stands alone', () => {
  it('reads the whole checkout (the scan itself works)', () => {
    expect(files.length).toBeGreaterThan(300);
    expect(texts.length).toBeGreaterThan(280);
    for (const file of ['README.md', 'docs/simulator.md', 'tests/fixtures/real-recordings.ts', 'tests/simulator/real-look.ts', '.ci/run']) {
      expect(texts.map((t) => t.file)).toContain(file);
    }
  });

  it('finds what it looks for: the folder beside the checkout, a path climbing out, an absolute path beside the root', () => {
    const up = (n: number) => '../'.repeat(n);
    expect(outsideReferences('tests/fixtures/x.ts', `path.resolve(dir, '${up(3)}shared')`)).toContain(BESIDE);
    expect(outsideReferences('tests/x.ts', `readFileSync('${up(2)}elsewhere/answer.json')`)).toEqual([`${up(2)}elsewhere/answer.json`]);
    expect(outsideReferences('docs/x.md', `see ${parent}${sep}shared${sep}contract.md.`)).not.toEqual([]);
    // Inside the root, a URL's dot segments and an ellipsis are no escape.
    expect(outsideReferences('docs/x.md', '[the README](../README.md), http://h/a/../b, wait...')).toEqual([]);
    expect(outsideReferences('tests/unit/x.ts', `import { a } from '${up(2)}lib/core/a';`)).toEqual([]);
  });

  it('no file names a path outside the checkout', () => {
    const offenders = texts.flatMap(({ file, text }) => outsideReferences(file, text).map((ref) => `${file}: ${ref}`));
    expect(offenders).toEqual([]);
  });

  it('the recordings are read from inside the checkout', () => {
    expect(relative(root, REAL_PROXBOX_API)).toBe(join('tests', 'fixtures', 'recorded', 'proxbox-api'));
    expect(relative(root, REAL_NETBOX)).toBe(join('tests', 'fixtures', 'recorded', 'netbox'));
  });
});
