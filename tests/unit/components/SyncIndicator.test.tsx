import { signal } from '@preact/signals';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LogsPanel } from '../../../components/LogsPanel';
import { SyncIndicator } from '../../../components/SyncIndicator';
import { useActiveSync } from '../../../components/use-active-sync';
import type { DisplayPrefs } from '../../../lib/browser/display-prefs-storage';
import { parseSyncActive, type RunningSync, type SyncRun } from '../../../lib/core/sync-active';
import { hostilePayloads } from '../../fixtures/hostile-payloads';
import { fakeViewModel } from './fake-view-model';
import { byRole, queryByRole, renderUi, settle } from './render';

// The indicator of the sync running now (components/SyncIndicator.tsx): what it says, its
// "Show this run", the backend's text as text, and in the panel: asked as the view opens,
// re-read every few seconds while visible, gone when the run ends.

const NOW = Date.parse('2026-12-07T10:58:10Z');
const OP = 'b8517053-da07-4d41-979b-3d76e167d578';
const run: SyncRun = { id: OP, kind: 'full-update', startedAt: Date.parse('2026-12-07T10:56:03.123Z') };
const sync: RunningSync = { run, alsoRunning: 0 };

function setVisibility(state: 'hidden' | 'visible'): void {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
  document.dispatchEvent(new Event('visibilitychange'));
}

afterEach(() => {
  vi.useRealTimers();
  setVisibility('visible');
});

describe('SyncIndicator', () => {
  it('says which sync runs, since when and how long, in the views\' zone, with its operation ID', async () => {
    const root = await renderUi(<SyncIndicator sync={sync} timeZone="utc" since={null} onShowRun={() => {}} now={NOW} />);
    const group = byRole(root, 'group', 'Sync running');
    expect(group.querySelector('.pbl-sync-text')!.textContent).toBe('Sync running: full-update, started 10:56 (2 min)');
    const id = group.querySelector('code')!;
    expect(id.textContent).toBe(OP);
    expect(id.getAttribute('title')).toBe(OP);
    expect(group.textContent).toContain(`Operation ID ${OP}`);
  });

  it('"Show this run" hands the run\'s start to the view; once the view shows it, it says so instead', async () => {
    const onShowRun = vi.fn();
    const since = signal<number | null>(null);
    const root = await renderUi(<SyncIndicator sync={sync} timeZone="utc" since={since.value} onShowRun={onShowRun} now={NOW} />);
    byRole(root, 'button', 'Show this run').click();
    expect(onShowRun).toHaveBeenCalledWith(run.startedAt);
    const shown = await renderUi(<SyncIndicator sync={sync} timeZone="utc" since={run.startedAt} onShowRun={onShowRun} now={NOW} />);
    expect(queryByRole(shown, 'button', 'Show this run')).toBeNull();
    expect(shown.textContent).toContain('Showing this run');
    // Another From (a range set by hand) is not this run.
    const other = await renderUi(<SyncIndicator sync={sync} timeZone="utc" since={run.startedAt - 1} onShowRun={onShowRun} now={NOW} />);
    expect(byRole(other, 'button', 'Show this run')).toBeTruthy();
  });

  it('a run without id or kind, and more runs in flight', async () => {
    const root = await renderUi(
      <SyncIndicator sync={{ run: { id: null, kind: null, startedAt: run.startedAt }, alsoRunning: 1 }} timeZone="utc" since={null} onShowRun={() => {}} now={NOW} />,
    );
    expect(root.textContent).toBe('Sync running, started 10:56 (2 min); 1 more run in flight' + 'Show this run');
    expect(root.querySelector('code')).toBeNull();
  });

  it('renders whatever the backend names the run as its text: no element or attribute made from it', async () => {
    for (const { name, payload } of hostilePayloads('http://canary.invalid/pwned')) {
      const activity = parseSyncActive({ active: true, started_at: '2026-12-07T10:56:03Z', id: payload, kind: payload, runs: [] });
      if (activity.state !== 'running') throw new Error(`${name}: not read as a run`);
      const root = await renderUi(<SyncIndicator sync={{ run: activity.runs[0]!, alsoRunning: 0 }} timeZone="utc" since={null} onShowRun={() => {}} now={NOW} />);
      const tags = [...root.querySelectorAll('*')].map((el) => el.tagName);
      expect(new Set(tags), name).toEqual(new Set(['DIV', 'SPAN', 'BUTTON', ...(activity.runs[0]!.id ? ['CODE'] : [])]));
      const kind = activity.runs[0]!.kind;
      if (kind) expect(root.querySelector('.pbl-sync-text')!.textContent, name).toBe(`Sync running: ${kind}, started 10:56 (2 min)`);
    }
  });
});

/** Fake time passes, effects and answers settle. */
async function elapse(ms: number): Promise<void> {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
}

describe('useActiveSync', () => {
  function Probe(props: { ask: (opening: boolean) => Promise<RunningSync | null> }) {
    const found = useActiveSync(props.ask, 1000);
    return <span>{found ? found.run.kind : 'none'}</span>;
  }

  it('asks as "opening" on mount and when the tab comes back, re-reads every interval while visible, never while hidden', async () => {
    vi.useFakeTimers();
    let answer: RunningSync | null = sync;
    const asks: boolean[] = [];
    const ask = vi.fn(async (opening: boolean) => {
      asks.push(opening);
      return answer;
    });
    const root = await renderUi(<Probe ask={ask} />);
    await elapse(0);
    expect(root.textContent).toBe('full-update');
    expect(asks).toEqual([true]);
    await elapse(1000);
    expect(asks).toEqual([true, false]);
    answer = null;
    await elapse(1000);
    expect(root.textContent).toBe('none');

    setVisibility('hidden');
    await elapse(5000);
    expect(asks).toEqual([true, false, false]);
    answer = sync;
    setVisibility('visible');
    await elapse(0);
    expect(asks).toEqual([true, false, false, true]);
    expect(root.textContent).toBe('full-update');
  });
});

describe('in the logs panel', () => {
  const display = signal<DisplayPrefs>({ timeZone: 'utc' });

  it('shows the running sync under the filters; "Show this run" sets the view\'s From to the run\'s start', async () => {
    const vm = fakeViewModel();
    const ask = vi.fn(async () => sync);
    const root = await renderUi(<LogsPanel vm={vm} instanceLabel="nb" baseUrl="https://nb" linkTarget="_self" display={display} askSync={ask} />);
    await settle();
    expect(ask).toHaveBeenCalledWith(true);
    const group = byRole(root, 'group', 'Sync running');
    expect(group.previousElementSibling?.getAttribute('aria-label')).toBe('Filters');
    byRole(group, 'button', 'Show this run').click();
    await settle();
    expect(vm.setTimeRange).toHaveBeenCalledWith({ from: run.startedAt, to: null });
    expect(byRole(root, 'group', 'Sync running').textContent).toContain('Showing this run');
    // From is a filter like the others: "Clear filters" is offered and clears it.
    const clear = byRole(byRole(root, 'group', 'Filters'), 'button', 'Clear filters') as HTMLButtonElement;
    expect(clear.disabled).toBe(false);
    clear.click();
    await settle();
    expect(vm.filters.value.from).toBeNull();
    expect(byRole(root, 'button', 'Show this run')).toBeTruthy();
  });

  it('without a way to ask (through NetBox), nothing is shown or asked', async () => {
    const root = await renderUi(<LogsPanel vm={fakeViewModel()} instanceLabel="nb" baseUrl="https://nb" linkTarget="_self" display={display} />);
    await settle();
    expect(queryByRole(root, 'group', 'Sync running')).toBeNull();
  });
});
