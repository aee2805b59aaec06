// Small DOM queries by what a user reads (label text, button names), for component tests
// in happy-dom without a testing library.
import { act } from 'preact/test-utils';
import { vi } from 'vitest';

const norm = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

type Root = ParentNode & Node;

export function controlForLabel(label: HTMLLabelElement): HTMLElement | null {
  if (label.htmlFor) return (label.ownerDocument.getElementById(label.htmlFor) as HTMLElement | null) ?? null;
  return label.querySelector('input, select, textarea');
}

export function queryAllByLabel(root: Root, text: string): HTMLElement[] {
  const out: HTMLElement[] = [];
  for (const label of Array.from(root.querySelectorAll('label'))) {
    if (norm(label.textContent) === text) {
      const control = controlForLabel(label);
      if (control) out.push(control);
    }
  }
  for (const el of Array.from(root.querySelectorAll<HTMLElement>('[aria-label]'))) {
    if (el.getAttribute('aria-label') === text && !out.includes(el)) out.push(el);
  }
  return out;
}

export function getByLabel<T extends HTMLElement = HTMLInputElement>(root: Root, text: string): T {
  const all = queryAllByLabel(root, text);
  if (all.length !== 1) throw new Error(`Expected one control labelled "${text}", found ${all.length}`);
  return all[0] as T;
}

export function queryAllButtons(root: Root, name: string): HTMLButtonElement[] {
  return Array.from(root.querySelectorAll('button')).filter(
    (b) => norm(b.getAttribute('aria-label') ?? b.textContent) === name,
  );
}

export function getButton(root: Root, name: string): HTMLButtonElement {
  const all = queryAllButtons(root, name);
  if (all.length !== 1) throw new Error(`Expected one button "${name}", found ${all.length}`);
  return all[0]!;
}

export function text(root: Root): string {
  return norm(root.textContent);
}

export async function type(input: HTMLInputElement, value: string): Promise<void> {
  await act(() => {
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

export async function toggle(input: HTMLInputElement): Promise<void> {
  await act(() => {
    input.click();
  });
}

export async function click(el: HTMLElement): Promise<void> {
  await act(() => {
    el.click();
  });
}

/** Lets pending promises and Preact renders settle. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await act(async () => {
      await new Promise((r) => setTimeout(r, 0));
    });
  }
}

export async function waitForText(root: Root, expected: string | RegExp): Promise<void> {
  await vi.waitFor(
    async () => {
      await settle();
      const t = text(root);
      if (typeof expected === 'string' ? !t.includes(expected) : !expected.test(t)) throw new Error(`"${expected}" not in: ${t}`);
    },
    { timeout: 2000 },
  );
}
