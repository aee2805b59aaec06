import { signal } from '@preact/signals';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { EntriesChart } from '../../../components/EntriesChart';
import { LogsPanel } from '../../../components/LogsPanel';
import type { DisplayPrefs } from '../../../lib/browser/display-prefs-storage';
import { fakeViewModel, makeEntry, type FakeViewModel } from './fake-view-model';
import { byRole, click, keyDown, queryByRole, renderUi, settle } from './render';

// The chart above the list: bars of the loaded entries by level, its words for assistive
// technology, a click that sets From/To, live updates and folding.

const T0 = Date.UTC(2026, 10, 25, 2, 0);
const MIN = 60_000;
const at = (ms: number) => `${new Date(ms).toISOString().slice(0, 23)}000+00:00`;

/** One entry half-way into each minute from 02:05 to 02:10 (2 errors), and one at 02:20:30. */
function entries() {
  const half = 30_000;
  return [
    makeEntry({ id: 7, timestamp: at(T0 + 20 * MIN + half), level: 'INFO' }),
    makeEntry({ id: 6, timestamp: at(T0 + 10 * MIN + half), level: 'CRITICAL' }),
    makeEntry({ id: 5, timestamp: at(T0 + 9 * MIN + half), level: 'ERROR' }),
    makeEntry({ id: 4, timestamp: at(T0 + 8 * MIN + half), level: 'WARNING' }),
    makeEntry({ id: 3, timestamp: at(T0 + 7 * MIN + half), level: 'INFO' }),
    makeEntry({ id: 2, timestamp: at(T0 + 6 * MIN + half), level: 'INFO' }),
    makeEntry({ id: 1, timestamp: at(T0 + 5 * MIN + half), level: 'DEBUG' }),
  ];
}

function inRange(vm: FakeViewModel) {
  vm.filters.value = { ...vm.filters.value, from: T0, to: T0 + 45 * MIN };
  return vm;
}

const chart = (vm: FakeViewModel) => renderUi(<EntriesChart vm={vm} timeZone="utc" />);
const image = (root: HTMLElement) => byRole(root, 'img', /^Entries over time/);

beforeEach(() => fakeBrowser.reset());
afterEach(() => vi.useRealTimers());

describe('the entries-over-time chart', () => {
  it('is an image whose name says the counts; bars by level, errors at their foot', async () => {
    const root = await chart(inRange(fakeViewModel({ entries: entries(), timeline: true })));
    expect(image(root).getAttribute('aria-label')).toBe(
      'Entries over time: 7 loaded entries from 02:00 to 02:45 (UTC), in bars of 1 minute; 2 errors; most in one bar: 1. ' +
        '02:05: 1; 02:06: 1; 02:07: 1; 02:08: 1; 02:09: 1, 1 error; 02:10: 1, 1 error; 02:20: 1.',
    );
    const bars = [...root.querySelectorAll('svg rect')].map((r) => r.getAttribute('class'));
    expect(bars.filter((c) => c === 'pbl-bar pbl-bar--error')).toHaveLength(1);
    expect(bars.filter((c) => c === 'pbl-bar pbl-bar--critical')).toHaveLength(1);
    expect(root.querySelector('.pbl-chart-summary')!.textContent).toBe('7 loaded · 2 errors · 1 min bars · max 1');
    expect(root.querySelector('.pbl-chart-axis')!.textContent).toBe('02:0002:45');
  });

  it('stacks errors first and keeps a small error visible beside a tall bar', async () => {
    const many = Array.from({ length: 400 }, (_, i) => makeEntry({ id: 10 + i, timestamp: at(T0 + MIN + 1 + i), level: 'INFO' }));
    const vm = inRange(fakeViewModel({ entries: [...many, makeEntry({ id: 9, timestamp: at(T0 + MIN + 500), level: 'ERROR' })], timeline: true }));
    const root = await chart(vm);
    const rects = [...root.querySelectorAll('svg rect')];
    const error = rects.find((r) => r.classList.contains('pbl-bar--error'))!;
    const info = rects.find((r) => r.classList.contains('pbl-bar--info'))!;
    expect(Number(error.getAttribute('height'))).toBe(2); // 1 of 401: at least 2 px, at the foot
    expect(Number(error.getAttribute('y')) + 2).toBe(40);
    expect(Number(info.getAttribute('y')) + Number(info.getAttribute('height'))).toBeCloseTo(Number(error.getAttribute('y')));
  });

  it('a click on a bar sets From and To to it; arrows move between the bars with entries', async () => {
    const vm = inRange(fakeViewModel({ entries: entries(), timeline: true }));
    const root = await chart(vm);
    const bars = byRole(root, 'toolbar', 'Bars: choose one to show only its time');
    const buttons = [...bars.querySelectorAll('button')];
    expect(buttons.map((b) => b.tabIndex)).toEqual([0, -1, -1, -1, -1, -1, -1]);
    buttons[0]!.focus();
    await keyDown(buttons[0]!, 'ArrowRight');
    expect(document.activeElement).toBe(buttons[1]);
    await keyDown(buttons[1]!, 'End');
    expect(document.activeElement).toBe(buttons[6]);
    expect(buttons.map((b) => b.tabIndex)).toEqual([-1, -1, -1, -1, -1, -1, 0]);

    expect(buttons[4]!.getAttribute('aria-label')).toBe('02:09 to 02:10: 1 entry (1 ERROR). Show only this time.');
    await click(buttons[4]!);
    expect(vm.setTimeRange).toHaveBeenCalledWith({ from: T0 + 9 * MIN, to: T0 + 10 * MIN });
  });

  it('follows the filters and each live update', async () => {
    const vm = inRange(fakeViewModel({ entries: entries(), timeline: true }));
    const root = await chart(vm);
    await act(() => vm.setTimeRange({ from: T0 + 5 * MIN, to: T0 + 10 * MIN }));
    // (02:05, 02:10]: the five entries from 02:05:30 to 02:09:30.
    expect(image(root).getAttribute('aria-label')).toMatch(/^Entries over time: 5 loaded entries from 02:05:00 to 02:10:00 \(UTC\), in bars of 10 seconds/);
    await act(() => {
      vm.timeline!.data.add([makeEntry({ id: 8, timestamp: at(T0 + 9.5 * MIN), level: 'ERROR' })]);
      vm.timeline!.version.value++;
    });
    expect(image(root).getAttribute('aria-label')).toContain('6 loaded entries');
    expect(image(root).getAttribute('aria-label')).toContain('2 errors; most in one bar: 2. ');
    expect(image(root).getAttribute('aria-label')).toContain('02:09:20: 2, 2 errors');
  });

  it('folds away, and every view opened later is folded too', async () => {
    const vm = inRange(fakeViewModel({ entries: entries(), timeline: true }));
    const root = await chart(vm);
    const toggle = byRole(root, 'button', 'Entries over time');
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(document.getElementById(toggle.getAttribute('aria-controls')!)).toBe(root.querySelector('.pbl-chart-body'));
    await click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(queryByRole(root, 'img')).toBeNull();
    expect(root.querySelector('.pbl-chart-summary')!.textContent).toBe('7 loaded · 2 errors');
    await settle();
    expect(await fakeBrowser.storage.local.get('chart-folded')).toEqual({ 'chart-folded': true });

    const later = await chart(inRange(fakeViewModel({ entries: entries(), timeline: true })));
    await settle();
    expect(byRole(later, 'button', 'Entries over time').getAttribute('aria-expanded')).toBe('false');
  });

  it('sits between the filters and the list of the panel, and is absent without a timeline', async () => {
    const display = signal<DisplayPrefs>({ timeZone: 'utc' });
    const vm = inRange(fakeViewModel({ entries: entries(), timeline: true }));
    const root = await renderUi(<LogsPanel vm={vm} instanceLabel="nb" baseUrl="https://nb.example.com" linkTarget="_self" display={display} />);
    const order = [...root.querySelectorAll('.pbl-filters, .pbl-chart, .pbl-body')].map((e) => e.className.split(' ')[0]);
    expect(order).toEqual(['pbl-filters', 'pbl-chart', 'pbl-body']);
    const plain = await chart(fakeViewModel({ entries: entries() }));
    expect(plain.textContent).toBe('');
    // Nothing loaded yet: the title and "0 loaded", no bars, and no reference to them.
    const empty = await chart(fakeViewModel({ timeline: true }));
    expect(byRole(empty, 'button', 'Entries over time').hasAttribute('aria-controls')).toBe(false);
    expect(queryByRole(empty, 'img')).toBeNull();
  });
});
