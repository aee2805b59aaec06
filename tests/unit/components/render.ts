import { render, type ComponentChild } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach } from 'vitest';

// A tiny stand-in for @testing-library: render into a div, query by role / name / text
// with plain DOM APIs, fire events inside act().

const mounted: HTMLElement[] = [];

afterEach(() => {
  for (const el of mounted.splice(0)) {
    render(null, el);
    el.remove();
  }
});

export async function renderUi(ui: ComponentChild): Promise<HTMLElement> {
  const container = document.createElement('div');
  document.body.append(container);
  mounted.push(container);
  await act(() => render(ui, container));
  return container;
}

/** Lets effects, signals and microtasks settle. */
export async function settle(ms = 0): Promise<void> {
  await act(async () => {
    await new Promise((r) => setTimeout(r, ms));
  });
}

const IMPLICIT_ROLES: Record<string, string> = {
  BUTTON: 'button',
  SELECT: 'combobox',
  TEXTAREA: 'textbox',
  A: 'link',
  H1: 'heading',
  H2: 'heading',
};

export function roleOf(el: Element): string | null {
  const explicit = el.getAttribute('role');
  if (explicit) return explicit;
  if (el instanceof HTMLInputElement) {
    if (el.type === 'checkbox') return 'checkbox';
    if (el.type === 'search') return 'searchbox';
    return 'textbox';
  }
  if (el.tagName === 'A' && !el.hasAttribute('href')) return null;
  return IMPLICIT_ROLES[el.tagName] ?? null;
}

/** Accessible name, as far as these components need: aria-label, <label>, or text content. */
export function nameOf(el: Element): string {
  const label = el.getAttribute('aria-label');
  if (label) return label;
  const wrapping = el.closest('label');
  if (wrapping && wrapping !== el) {
    const clone = wrapping.cloneNode(true) as HTMLElement;
    clone.querySelectorAll('select, input, textarea').forEach((n) => n.remove());
    return clone.textContent?.trim() ?? '';
  }
  return (el.textContent ?? '').replace(/\s+/g, ' ').trim();
}

export function allByRole(root: ParentNode, role: string, name?: string | RegExp): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>('*')].filter((el) => {
    if (roleOf(el) !== role) return false;
    if (name === undefined) return true;
    const n = nameOf(el);
    return typeof name === 'string' ? n === name : name.test(n);
  });
}

export function byRole(root: ParentNode, role: string, name?: string | RegExp): HTMLElement {
  const found = allByRole(root, role, name);
  if (found.length !== 1) {
    throw new Error(`expected one ${role}${name !== undefined ? ` named ${String(name)}` : ''}, found ${found.length}`);
  }
  return found[0]!;
}

export function queryByRole(root: ParentNode, role: string, name?: string | RegExp): HTMLElement | null {
  return allByRole(root, role, name)[0] ?? null;
}

export function hasText(root: Element, text: string): boolean {
  return (root.textContent ?? '').includes(text);
}

export async function click(el: Element): Promise<void> {
  await act(() => {
    (el as HTMLElement).click();
  });
}

export async function keyDown(el: EventTarget, key: string, init: KeyboardEventInit = {}): Promise<KeyboardEvent> {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, composed: true, ...init });
  await act(() => {
    el.dispatchEvent(event);
  });
  return event;
}

export async function typeInto(el: HTMLInputElement, value: string): Promise<void> {
  await act(() => {
    el.value = value;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

export async function change(el: HTMLInputElement | HTMLSelectElement, value: string | boolean): Promise<void> {
  await act(() => {
    if (typeof value === 'boolean') (el as HTMLInputElement).checked = value;
    else el.value = value;
    el.dispatchEvent(new Event('change', { bubbles: true }));
  });
}
