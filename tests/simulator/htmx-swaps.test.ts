// @vitest-environment node
// The pages' stand-in for HTMX really swaps: run the served page's script in happy-dom
// and press its buttons, as the end-to-end tests will in a browser.
import { Window } from 'happy-dom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from './simulator';
import { TestClient } from './test-client';

let sim: Simulator;
let html: string;
beforeAll(async () => {
  sim = await startSimulator();
  const c = new TestClient(sim.origin);
  await c.login();
  html = await (await c.request('/dcim/devices/')).text();
});
afterAll(() => sim.close());

function open(): Window {
  // The only script evaluated is the simulator's own inline one.
  const window = new Window({
    url: `${sim.origin}/dcim/devices/`,
    settings: { enableJavaScriptEvaluation: true, suppressInsecureJavaScriptEnvironmentWarning: true },
  });
  window.document.write(html);
  return window;
}

describe('HTMX-like swaps', () => {
  it('"Apply filter" replaces the contents of #htmx-target and fires htmx:afterSwap', () => {
    const window = open();
    const doc = window.document;
    const target = doc.getElementById('htmx-target')!;
    const marker = doc.createElement('div');
    marker.id = 'injected';
    target.appendChild(marker);
    let swapped = 0;
    doc.addEventListener('htmx:afterSwap', () => swapped++);
    expect(target.querySelectorAll('tbody tr')).toHaveLength(5);
    (doc.getElementById('htmx-swap') as unknown as { click(): void }).click();
    expect(doc.getElementById('htmx-target')).toBe(target);
    expect(target.querySelectorAll('tbody tr')).toHaveLength(3);
    expect(doc.getElementById('injected')).toBeNull();
    expect(swapped).toBe(1);
    window.close();
  });

  it('"Reload content" replaces everything in .page-wrapper, and can again', () => {
    const window = open();
    const doc = window.document;
    const wrapper = doc.querySelector('.page-wrapper')!;
    wrapper.insertAdjacentHTML('afterbegin', '<div id="injected"></div>');
    (doc.getElementById('htmx-swap-page') as unknown as { click(): void }).click();
    expect(doc.getElementById('injected')).toBeNull();
    expect(doc.querySelector('.page-wrapper #htmx-target')).not.toBeNull();
    expect(doc.querySelector('aside.navbar-vertical')).not.toBeNull();
    (doc.getElementById('htmx-swap') as unknown as { click(): void }).click();
    expect(doc.querySelectorAll('#htmx-target tbody tr')).toHaveLength(3);
    window.close();
  });

  it('the colour-mode toggle flips data-bs-theme', () => {
    const window = open();
    const doc = window.document;
    (doc.getElementById('theme-toggle') as unknown as { click(): void }).click();
    expect(doc.documentElement.getAttribute('data-bs-theme')).toBe('dark');
    expect(doc.cookie).toContain('netbox_color_mode=dark');
    window.close();
  });
});
