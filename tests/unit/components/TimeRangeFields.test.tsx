import { signal } from '@preact/signals';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LogsPanel } from '../../../components/LogsPanel';
import type { DisplayPrefs } from '../../../lib/browser/display-prefs-storage';
import { fakeViewModel, makeEntry, type FakeViewModel } from './fake-view-model';
import { byRole, click, keyDown, queryByRole, renderUi, settle, typeInto } from './render';

// From, To and the presets in the filter bar of the panel (page and side panel alike).

const NOW = Date.UTC(2026, 10, 25, 18, 30, 12, 345);

function panel(vm: FakeViewModel, zone: DisplayPrefs['timeZone'] = 'utc') {
  const display = signal<DisplayPrefs>({ timeZone: zone });
  return renderUi(<LogsPanel vm={vm} instanceLabel="netbox.example.com" baseUrl="https://netbox.example.com" linkTarget="_self" display={display} />).then(
    (root) => ({ root, display }),
  );
}

const range = (root: HTMLElement) => byRole(root, 'group', 'Time range');
const fieldOf = (root: HTMLElement, name: 'From' | 'To') => byRole(range(root), 'textbox', name) as HTMLInputElement;

async function enter(input: HTMLInputElement, text: string): Promise<void> {
  await typeInto(input, text);
  await keyDown(input, 'Enter');
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});
afterEach(() => vi.useRealTimers());

describe('the filter bar’s time range', () => {
  it('From and To, typed in UTC, apply on Enter and when the field is left', async () => {
    const vm = fakeViewModel({ entries: [makeEntry()] });
    const { root } = await panel(vm);
    expect(byRole(root.querySelector('.pbl-filters')!, 'group', 'Time range')).toBeTruthy();
    await enter(fieldOf(root, 'From'), '2026-11-25 02:00');
    expect(vm.setTimeRange).toHaveBeenLastCalledWith({ from: Date.UTC(2026, 10, 25, 2, 0), to: null });

    const to = fieldOf(root, 'To');
    await typeInto(to, '2026-11-25 02:15:30');
    expect(vm.setTimeRange).toHaveBeenCalledTimes(1); // typing alone applies nothing
    await act(() => {
      to.dispatchEvent(new FocusEvent('blur'));
    });
    expect(vm.setTimeRange).toHaveBeenLastCalledWith({ from: Date.UTC(2026, 10, 25, 2, 0), to: Date.UTC(2026, 10, 25, 2, 15, 30) });
    expect(to.title).toBe('To, in UTC');
  });

  it('in local time, a time alone is today’s', async () => {
    const vm = fakeViewModel();
    const { root } = await panel(vm, 'local');
    await enter(fieldOf(root, 'From'), '02:00');
    const today = new Date(NOW);
    expect(vm.setTimeRange).toHaveBeenLastCalledWith({ from: new Date(today.getFullYear(), today.getMonth(), today.getDate(), 2, 0).getTime(), to: null });
    expect(fieldOf(root, 'From').title).toMatch(/^From, in local time \(UTC[+\u2212]\d{2}:\d{2}\)$/);
  });

  it('says what is wrong, marks the field and applies nothing', async () => {
    const vm = fakeViewModel();
    const { root } = await panel(vm);
    const from = fieldOf(root, 'From');
    await enter(from, 'tuesday');
    expect(byRole(root, 'alert').textContent).toBe('From: not a date and time (YYYY-MM-DD HH:MM).');
    expect(from.getAttribute('aria-invalid')).toBe('true');
    expect(from.getAttribute('aria-describedby')).toContain(byRole(root, 'alert').id);
    expect(vm.setTimeRange).not.toHaveBeenCalled();

    await enter(from, '2026-11-25 03:00');
    expect(queryByRole(root, 'alert')).toBeNull();
    const to = fieldOf(root, 'To');
    await enter(to, '2026-11-25 02:00');
    expect(byRole(root, 'alert').textContent).toBe('From must be before To.');
    expect(to.getAttribute('aria-invalid')).toBe('true');
    expect(from.hasAttribute('aria-invalid')).toBe(false);
    expect(vm.setTimeRange).toHaveBeenCalledTimes(1);
  });

  it('Esc puts back what is applied, and only then goes on to the panel', async () => {
    const vm = fakeViewModel();
    vm.filters.value = { ...vm.filters.value, from: Date.UTC(2026, 10, 25, 2, 0) };
    const { root } = await panel(vm);
    const from = fieldOf(root, 'From');
    await typeInto(from, '2026-11-2');
    const first = await keyDown(from, 'Escape');
    expect(from.value).toBe('2026-11-25 02:00');
    expect(first.cancelBubble).toBe(true);
    const second = await keyDown(from, 'Escape');
    expect(second.cancelBubble).toBe(false);
  });

  it('presets set From back from now (a whole second) and leave To open', async () => {
    const vm = fakeViewModel();
    const { root } = await panel(vm);
    await click(byRole(range(root), 'button', 'Last hour'));
    expect(vm.setTimeRange).toHaveBeenLastCalledWith({ from: Date.UTC(2026, 10, 25, 17, 30, 12), to: null });
    await settle();
    expect(fieldOf(root, 'From').value).toBe('2026-11-25 17:30:12');
    expect(fieldOf(root, 'To').value).toBe('');
    await click(byRole(range(root), 'button', 'Last 15 min'));
    expect(vm.setTimeRange).toHaveBeenLastCalledWith({ from: Date.UTC(2026, 10, 25, 18, 15, 12), to: null });
    await click(byRole(range(root), 'button', 'Last 24 h'));
    expect(vm.setTimeRange).toHaveBeenLastCalledWith({ from: Date.UTC(2026, 10, 24, 18, 30, 12), to: null });
  });

  it('follows a range set elsewhere (the chart) and the zone chosen on the options page', async () => {
    const vm = fakeViewModel();
    const { root, display } = await panel(vm);
    await act(() => vm.setTimeRange({ from: Date.UTC(2026, 10, 25, 2, 0), to: Date.UTC(2026, 10, 25, 2, 15) }));
    expect([fieldOf(root, 'From').value, fieldOf(root, 'To').value]).toEqual(['2026-11-25 02:00', '2026-11-25 02:15']);
    await act(() => {
      display.value = { timeZone: 'local' };
    });
    const local = (ms: number) => {
      const d = new Date(ms);
      const two = (n: number) => String(n).padStart(2, '0');
      return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
    };
    expect(fieldOf(root, 'From').value).toBe(local(Date.UTC(2026, 10, 25, 2, 0)));
  });

  it('"Clear filters" clears From and To, and what was typed but not applied', async () => {
    const vm = fakeViewModel();
    const { root } = await panel(vm);
    await enter(fieldOf(root, 'From'), '2026-11-25 02:00');
    await typeInto(fieldOf(root, 'To'), '2026-11-25 0');
    await click(byRole(root.querySelector('.pbl-filters')!, 'button', 'Clear filters'));
    expect(vm.clearFilters).toHaveBeenCalledTimes(1);
    expect([fieldOf(root, 'From').value, fieldOf(root, 'To').value]).toEqual(['', '']);
    expect(vm.filters.value).toMatchObject({ from: null, to: null });
    expect((byRole(root.querySelector('.pbl-filters')!, 'button', 'Clear filters') as HTMLButtonElement).disabled).toBe(true);
  });
});
