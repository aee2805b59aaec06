import { render } from 'preact';
import { signal } from '@preact/signals';
import type { DisplayPrefs } from '../../../lib/browser/display-prefs-storage';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OPERATION_ID_DEBOUNCE_MS } from '../../../components/FilterBar';
import { LogsPanel } from '../../../components/LogsPanel';
import type { FailureKind } from '../../../lib/core/failure';
import { EMPTY_FILTERS } from '../../../lib/core/log-types';
import { formatFullTimestamp } from '../../../lib/core/format-time';
import { describeFailure } from '../../../lib/core/failure-messages';
import { fakeViewModel, entryRow, makeEntry, manyEntries, type FakeViewModel } from './fake-view-model';
import { allByRole, byRole, change, click, hasText, keyDown, queryByRole, renderUi, settle, typeInto } from './render';

const BASE = 'https://netbox.example.com';

function panel(vm: FakeViewModel, extra: Partial<Parameters<typeof LogsPanel>[0]> = {}) {
  return renderUi(
    <LogsPanel vm={vm} instanceLabel="netbox.example.com" baseUrl={BASE} linkTarget="_self" onClose={vi.fn()} {...extra} />,
  );
}

const entryRows = (root: HTMLElement) => [...root.querySelectorAll<HTMLElement>('[role="row"][data-entry-id]')];

describe('LogsPanel', () => {
  it('is a region named Backend Logs with the five column headers', async () => {
    const root = await panel(fakeViewModel({ entries: [makeEntry()] }));
    const region = byRole(root, 'region', 'Backend Logs');
    const headers = allByRole(region, 'columnheader').map((h) => h.textContent);
    expect(headers).toEqual(['Time (local)', 'Level', 'Module', 'Message', 'Operation']);
    expect(byRole(region, 'treegrid')).toBeTruthy();
  });

  it('starts polling when shown and stops when unmounted or hidden', async () => {
    const vm = fakeViewModel();
    const root = await panel(vm);
    expect(vm.start).toHaveBeenCalledTimes(1);
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    document.dispatchEvent(new Event('visibilitychange'));
    expect(vm.stop).toHaveBeenCalledTimes(1);
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' });
    document.dispatchEvent(new Event('visibilitychange'));
    expect(vm.start).toHaveBeenCalledTimes(2);
    await act(() => render(null, root));
    expect(vm.stop).toHaveBeenCalledTimes(2);
  });

  describe('states', () => {
    it('shows "Loading logs…" while the first page is on its way', async () => {
      const root = await panel(fakeViewModel({ state: { phase: 'loading' } }));
      const status = byRole(root, 'status');
      expect(status.textContent).toContain('Loading logs…');
      expect(status.getAttribute('aria-busy')).toBe('true');
      expect(queryByRole(root, 'treegrid')).toBeNull();
    });

    it('says so when the backend has no logs at all', async () => {
      const root = await panel(fakeViewModel());
      expect(hasText(root, 'No log entries yet. The backend has not written any logs.')).toBe(true);
    });

    it('offers to clear filters when filters match nothing', async () => {
      const vm = fakeViewModel();
      vm.filters.value = { ...EMPTY_FILTERS, level: 'CRITICAL' };
      const root = await panel(vm);
      const status = byRole(root, 'status');
      expect(status.textContent).toContain('No entries match these filters.');
      await click(byRole(status, 'button', 'Clear filters'));
      expect(vm.clearFilters).toHaveBeenCalled();
      expect(hasText(root, 'No log entries yet.')).toBe(true);
    });

    it('names the search text when the search narrows to nothing', async () => {
      const vm = fakeViewModel();
      vm.loadedCount.value = 5;
      vm.search.value = 'zebra';
      const root = await panel(vm);
      expect(hasText(root, 'No loaded entry matches “zebra”.')).toBe(true);
    });

    it('counts "Showing N of M", or "Showing N" while the total is unknown', async () => {
      const vm = fakeViewModel({ entries: [makeEntry(), makeEntry()] });
      const root = await panel(vm);
      expect(root.querySelector('.pbl-count')?.textContent).toBe('Showing 2');
      vm.total.value = 3120;
      await settle();
      expect(root.querySelector('.pbl-count')?.textContent).toBe('Showing 2 of 3120');
    });
  });

  describe('failures', () => {
    const kinds: FailureKind[] = [
      'logged-out', 'forbidden', 'no-endpoint', 'plugin-missing', 'discovery', 'api-key-rejected', 'bad-query',
      'rate-limited', 'backend-down', 'backend-timeout', 'server-error', 'timeout', 'offline', 'network',
      'no-host-permission', 'malformed', 'wrong-shape', 'unexpected',
    ];

    it.each(kinds)('%s: shows its title, sentence and action', async (kind) => {
      const failure = { kind, status: 500 };
      const vm = fakeViewModel({ state: { phase: 'failed', failure, lastSuccessAt: null, nextRetryAt: null } });
      const root = await panel(vm);
      const message = describeFailure(failure, { instanceLabel: 'netbox.example.com', baseUrl: BASE });
      const alert = byRole(root, 'alert');
      expect(alert.textContent).toContain(message.title);
      expect(alert.textContent).toContain(message.sentence);
      if (message.action?.kind === 'link') {
        const link = byRole(root, 'link', message.action.label) as HTMLAnchorElement;
        expect(link.getAttribute('href')).toBe(message.action.href);
        expect(link.target).toBe('_self');
      } else if (message.action?.kind === 'retry') {
        await click(byRole(root, 'button', message.action.label));
        expect(vm.refresh).toHaveBeenCalled();
      }
    });

    it('opens the login link in a new tab from the side panel', async () => {
      const vm = fakeViewModel({
        state: { phase: 'failed', failure: { kind: 'logged-out', status: 403 }, lastSuccessAt: null, nextRetryAt: null },
      });
      const root = await panel(vm, { linkTarget: '_blank' });
      const link = byRole(root, 'link', 'Log in to NetBox') as HTMLAnchorElement;
      expect(link.target).toBe('_blank');
      expect(link.rel).toContain('noopener');
      expect(link.href.startsWith(`${BASE}/login/`)).toBe(true);
    });

    it('keeps the rows loaded before the failure, with the last update time and the retry countdown', async () => {
      const last = new Date(2026, 10, 25, 18, 2, 11).getTime();
      const vm = fakeViewModel({
        entries: [makeEntry({ message: 'still here' })],
        state: { phase: 'failed', failure: { kind: 'backend-down', status: 502 }, lastSuccessAt: last, nextRetryAt: Date.now() + 9_500 },
      });
      const root = await panel(vm);
      expect(byRole(root, 'alert').textContent).toContain('Proxbox backend unreachable');
      expect(hasText(root, 'Last successful update 18:02:11')).toBe(true);
      expect(hasText(root, 'Retrying in 10 s')).toBe(true);
      expect(hasText(root, 'still here')).toBe(true);
      expect(entryRows(root)).toHaveLength(1);
    });
  });

  it('shows a notice that can be dismissed', async () => {
    const vm = fakeViewModel({ entries: [makeEntry()] });
    vm.notice.value = 'The backend restarted.';
    const root = await panel(vm);
    expect(hasText(root, 'The backend restarted.')).toBe(true);
    await click(byRole(root, 'button', 'Dismiss notice'));
    expect(vm.dismissNotice).toHaveBeenCalled();
    expect(hasText(root, 'The backend restarted.')).toBe(false);
  });

  it('shows the "N new entries" pill, which shows them and goes to the top', async () => {
    const vm = fakeViewModel({ entries: manyEntries(50) });
    vm.pendingNew.value = 3;
    const root = await panel(vm);
    await click(byRole(root, 'button', '3 new entries'));
    expect(vm.showPending).toHaveBeenCalled();
    expect(queryByRole(root, 'button', /new entr/)).toBeNull();
  });

  it('"Load more" loads older entries, shows it is busy, and is gone when there is nothing older', async () => {
    const vm = fakeViewModel({ entries: [makeEntry()] });
    const root = await panel(vm);
    expect(queryByRole(root, 'button', 'Load more')).toBeNull();
    vm.hasOlder.value = true;
    await settle();
    await click(byRole(root, 'button', 'Load more'));
    expect(vm.loadOlder).toHaveBeenCalledTimes(1);
    vm.loadingOlder.value = true;
    await settle();
    const button = byRole(root, 'button', 'Load more') as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    expect(button.getAttribute('aria-busy')).toBe('true');
  });

  describe('filters', () => {
    let vm: FakeViewModel;
    let root: HTMLElement;
    beforeEach(async () => {
      vm = fakeViewModel({ entries: [makeEntry()] });
      root = await panel(vm);
    });
    afterEach(() => vi.useRealTimers());

    it('Level offers all levels and sets the level', async () => {
      const select = byRole(root, 'combobox', 'Level') as HTMLSelectElement;
      expect([...select.options].map((o) => o.text)).toEqual(['All levels', 'DEBUG', 'INFO', 'WARNING', 'ERROR', 'CRITICAL']);
      await change(select, 'ERROR');
      expect(vm.setFilters).toHaveBeenLastCalledWith({ level: 'ERROR' });
      await change(select, '');
      expect(vm.setFilters).toHaveBeenLastCalledWith({ level: null });
    });

    it('Errors only is a switch; the level does not apply while it is on', async () => {
      const errorsOnly = byRole(root, 'switch', 'Errors only') as HTMLInputElement;
      await change(errorsOnly, true);
      expect(vm.setFilters).toHaveBeenLastCalledWith({ errorsOnly: true });
      expect((byRole(root, 'combobox', 'Level') as HTMLSelectElement).disabled).toBe(true);
    });

    it('Esc in Search empties it before it closes anything', async () => {
      const onClose = vi.fn();
      const own = await panel(fakeViewModel(), { onClose });
      const search = byRole(own, 'textbox', 'Search') as HTMLInputElement;
      await typeInto(search, 'vm');
      await keyDown(search, 'Escape');
      expect(search.value).toBe('');
      expect(onClose).not.toHaveBeenCalled();
      await keyDown(search, 'Escape');
      expect(onClose).toHaveBeenCalledTimes(1);
    });

    it('Operation ID applies on Enter, on blur and after a pause in typing', async () => {
      const input = byRole(root, 'textbox', 'Operation ID') as HTMLInputElement;
      await typeInto(input, ' abc ');
      expect(vm.setFilters).not.toHaveBeenCalled();
      await keyDown(input, 'Enter');
      expect(vm.setFilters).toHaveBeenLastCalledWith({ operationId: 'abc' });

      await typeInto(input, 'def');
      input.dispatchEvent(new FocusEvent('blur'));
      await settle();
      expect(vm.setFilters).toHaveBeenLastCalledWith({ operationId: 'def' });

      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      await typeInto(input, 'ghi');
      vi.advanceTimersByTime(OPERATION_ID_DEBOUNCE_MS - 1);
      expect(vm.setFilters).toHaveBeenCalledTimes(2);
      vi.advanceTimersByTime(1);
      expect(vm.setFilters).toHaveBeenLastCalledWith({ operationId: 'ghi' });
      expect(vm.setFilters).toHaveBeenCalledTimes(3);
    });

    it('Clear filters clears them (and the operation box)', async () => {
      vm.filters.value = { ...EMPTY_FILTERS, level: 'ERROR', errorsOnly: true, operationId: 'abc' };
      await settle();
      const input = byRole(root, 'textbox', 'Operation ID') as HTMLInputElement;
      expect(input.value).toBe('abc');
      await click(byRole(root.querySelector('.pbl-filters')!, 'button', 'Clear filters'));
      expect(vm.clearFilters).toHaveBeenCalled();
      expect(input.value).toBe('');
    });

    it('Search narrows as you type, and highlights the match in the message', async () => {
      vm.rows.value = [entryRow(makeEntry({ message: 'Failed to sync VM 101' }))];
      const search = byRole(root, 'textbox', 'Search') as HTMLInputElement;
      await typeInto(search, 'sync');
      expect(vm.setSearch).toHaveBeenLastCalledWith('sync');
      const marks = [...root.querySelectorAll('.pbl-cell--message mark')].map((m) => m.textContent);
      expect(marks).toEqual(['sync']);
    });

    it('Auto-refresh is on by default and toggles', async () => {
      const auto = byRole(root, 'switch', 'Auto-refresh') as HTMLInputElement;
      expect(auto.checked).toBe(true);
      await change(auto, false);
      expect(vm.setAutoRefresh).toHaveBeenCalledWith(false);
    });

    it('Refresh refreshes', async () => {
      await click(byRole(root, 'button', 'Refresh'));
      expect(vm.refresh).toHaveBeenCalled();
    });
  });

  describe('rows', () => {
    it('shows time, level badge, module, message and the short operation id', async () => {
      const entry = makeEntry({ level: 'ERROR', message: 'Failed to sync VM 101 on node pve01' });
      const root = await panel(fakeViewModel({ entries: [entry] }));
      const [row] = entryRows(root);
      const cells = allByRole(row!, 'gridcell');
      expect(cells[0]!.getAttribute('title')).toBe(formatFullTimestamp(entry.timestamp, 'local'));
      expect(cells[0]!.textContent).toMatch(/\d\d:\d\d:\d\d\.\d{3}$/);
      expect(cells[1]!.querySelector('.pbl-badge--error')?.textContent).toBe('ERROR');
      expect(cells[2]!.textContent).toBe('virtual_machines');
      expect(cells[3]!.textContent).toBe('Failed to sync VM 101 on node pve01');
      expect(cells[4]!.textContent).toBe('0f8e2c1a');
    });

    it('writes times in the zone the display preferences name, and says it in the header and details', async () => {
      const entry = makeEntry({ timestamp: '2020-01-02T03:04:05.678+00:00' });
      const display = signal<DisplayPrefs>({ timeZone: 'utc' });
      const root = await panel(fakeViewModel({ entries: [entry] }), { display });
      expect(allByRole(root, 'columnheader')[0]!.textContent).toBe('Time (UTC)');
      const time = allByRole(entryRows(root)[0]!, 'gridcell')[0]!;
      // Another day than today: the date is shown.
      expect(time.textContent).toBe('2020-01-02 03:04:05.678');
      expect(time.getAttribute('title')).toBe('2020-01-02 03:04:05.678 UTC');
      await click(entryRows(root)[0]!);
      expect(entryRows(root)[0]!.querySelector('.pbl-details')!.textContent).toContain('Time2020-01-02 03:04:05.678 UTC');

      display.value = { timeZone: 'local' };
      await settle();
      expect(allByRole(root, 'columnheader')[0]!.textContent).toBe('Time (local)');
      expect(time.getAttribute('title')).toBe(formatFullTimestamp(entry.timestamp, 'local'));
    });

    it('clicking the operation filters by the full id (and does not expand the row)', async () => {
      const vm = fakeViewModel({ entries: [makeEntry()] });
      const root = await panel(vm);
      await click(byRole(root, 'button', 'Filter by operation 0f8e2c1a'));
      expect(vm.setFilters).toHaveBeenCalledWith({ operationId: '0f8e2c1a-5b7d-4c39-9e0a-2d6f1b3c4e5f' });
      expect(entryRows(root)[0]!.getAttribute('aria-expanded')).toBe('false');
    });

    it('the copy button beside the short id copies the full id in one click (and does not expand the row)', async () => {
      const writeText = vi.fn(async () => {});
      Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText } });
      Object.defineProperty(window, 'isSecureContext', { configurable: true, value: true });
      const vm = fakeViewModel({ entries: [makeEntry()] });
      const root = await panel(vm);
      const copy = byRole(root, 'button', 'Copy operation ID 0f8e2c1a');
      expect(copy.getAttribute('title')).toBe('Copy operation ID 0f8e2c1a-5b7d-4c39-9e0a-2d6f1b3c4e5f');
      await click(copy);
      await settle();
      expect(writeText).toHaveBeenCalledWith('0f8e2c1a-5b7d-4c39-9e0a-2d6f1b3c4e5f');
      expect(hasText(root, 'Copied operation ID.')).toBe(true);
      expect(entryRows(root)[0]!.getAttribute('aria-expanded')).toBe('false');
      expect(vm.setFilters).not.toHaveBeenCalled();
    });

    it('expands on click and on Enter/Space, showing every field and the traceback', async () => {
      const entry = makeEntry({ id: 1042, traceback: 'Traceback (most recent call last):\n  File "x.py"' });
      const root = await panel(fakeViewModel({ entries: [entry, makeEntry()] }));
      const [row, other] = entryRows(root);
      await click(row!);
      expect(row!.getAttribute('aria-expanded')).toBe('true');
      const traceback = row!.querySelector('pre[aria-label="Traceback"]');
      expect(traceback?.textContent).toBe(entry.traceback);
      const details = row!.querySelector('.pbl-details')!.textContent!;
      for (const text of ['vm_sync', 'write', 'virtual_machine #1142', entry.operationId!, 'Entry ID1042']) {
        expect(details).toContain(text);
      }
      await click(row!.querySelector('.pbl-details')!);
      expect(row!.getAttribute('aria-expanded')).toBe('true');
      await click(row!);
      expect(row!.getAttribute('aria-expanded')).toBe('false');

      await keyDown(other!, 'Enter');
      expect(entryRows(root)[1]!.getAttribute('aria-expanded')).toBe('true');
      await keyDown(entryRows(root)[1]!, ' ');
      expect(entryRows(root)[1]!.getAttribute('aria-expanded')).toBe('false');
    });

    it('moves focus between rows with the arrow keys', async () => {
      const root = await panel(fakeViewModel({ entries: manyEntries(5) }));
      const rows = entryRows(root);
      expect(rows.map((r) => r.tabIndex)).toEqual([0, -1, -1, -1, -1]);
      rows[0]!.focus();
      await keyDown(rows[0]!, 'ArrowDown');
      await settle();
      const active = root.querySelector('[role="row"][tabindex="0"]');
      expect(active?.getAttribute('data-index')).toBe('1');
    });
  });

  describe('export', () => {
    it('Copy entry, Copy JSON, Download JSON and Download CSV use the export formats', async () => {
      const writeText = vi.fn(async () => {});
      Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText } });
      Object.defineProperty(window, 'isSecureContext', { configurable: true, value: true });
      const created: Blob[] = [];
      const createObjectURL = vi.fn((blob: Blob) => {
        created.push(blob);
        return 'blob:x';
      });
      Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() });
      const clicks: HTMLAnchorElement[] = [];
      const spy = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
        clicks.push(this);
      });

      const entry = makeEntry({ id: 7, message: 'hello, "world"' });
      const all = [entry, makeEntry({ id: 6 })];
      const root = await panel(fakeViewModel({ entries: [entry], loaded: all }));
      const { entryToText, toCsv, toJson } = await import('../../../lib/core/export-entries');

      await click(entryRows(root)[0]!);
      await click(byRole(root, 'button', 'Copy entry'));
      await settle();
      expect(writeText).toHaveBeenLastCalledWith(entryToText(entry));
      expect(hasText(root, 'Copied entry.')).toBe(true);

      await click(byRole(root, 'button', 'Copy JSON'));
      await settle();
      expect(writeText).toHaveBeenLastCalledWith(toJson(all));

      await click(byRole(root, 'button', 'Download JSON'));
      expect(clicks.at(-1)!.download).toMatch(/^proxbox-logs-.*\.json$/);
      expect(await created.at(-1)!.text()).toBe(toJson(all));

      await click(byRole(root, 'button', 'Download CSV'));
      expect(clicks.at(-1)!.download).toMatch(/^proxbox-logs-.*\.csv$/);
      // Blob.text() decodes UTF-8 and drops nothing: the BOM is there for Excel.
      expect(await created.at(-1)!.text()).toBe(toCsv(all, { bom: true }));
      spy.mockRestore();
    });

    it('export buttons are disabled with nothing loaded', async () => {
      const root = await panel(fakeViewModel());
      for (const name of ['Copy JSON', 'Download JSON', 'Download CSV']) {
        expect((byRole(root, 'button', name) as HTMLButtonElement).disabled).toBe(true);
      }
    });
  });

  describe('keyboard', () => {
    it('/ focuses Search, r refreshes (not while typing), Esc closes details then the panel', async () => {
      const vm = fakeViewModel({ entries: [makeEntry()] });
      const onClose = vi.fn();
      const root = await panel(vm, { onClose });
      const region = byRole(root, 'region', 'Backend Logs');
      const search = byRole(root, 'textbox', 'Search');

      const slash = await keyDown(region, '/');
      expect(slash.defaultPrevented).toBe(true);
      expect(document.activeElement).toBe(search);

      await keyDown(search, 'r');
      expect(vm.refresh).not.toHaveBeenCalled();
      await keyDown(region, 'r');
      expect(vm.refresh).toHaveBeenCalledTimes(1);

      await click(entryRows(root)[0]!);
      await keyDown(region, 'Escape');
      expect(entryRows(root)[0]!.getAttribute('aria-expanded')).toBe('false');
      expect(onClose).not.toHaveBeenCalled();
      await keyDown(region, 'Escape');
      expect(onClose).toHaveBeenCalledTimes(1);
    });

    it('leaves the host page’s keys alone', async () => {
      const vm = fakeViewModel();
      await panel(vm);
      await keyDown(document.body, 'r');
      expect(vm.refresh).not.toHaveBeenCalled();
    });
  });

  describe('untrusted text', () => {
    it('renders HTML in log text literally, creating no element', async () => {
      const hostile = '<img src=x onerror=alert(1)><script>alert(2)</script>';
      const entry = makeEntry({
        message: hostile,
        module: '<b>mod</b>',
        traceback: `<iframe src="javascript:alert(3)">`,
        operationId: 'javascript:alert(4)',
      });
      const root = await panel(fakeViewModel({ entries: [entry] }));
      await click(entryRows(root)[0]!);
      expect(root.querySelector('img, script, iframe, b')).toBeNull();
      expect(hasText(root, hostile)).toBe(true);
      expect(hasText(root, '<b>mod</b>')).toBe(true);
      for (const a of root.querySelectorAll('a')) expect(a.getAttribute('href')).not.toContain('javascript');
    });

    it('isolates bidi text in message cells', async () => {
      const root = await panel(fakeViewModel({ entries: [makeEntry({ message: '\u202Eevil' })] }));
      expect(root.querySelector('.pbl-cell--message bdi')?.textContent).toBe('\u202Eevil');
    });

    it('cuts a 1 MB message in the row and in the details until "Show all"', async () => {
      const big = 'x'.repeat(1024 * 1024);
      const root = await panel(fakeViewModel({ entries: [makeEntry({ message: big })] }));
      expect(root.querySelector('.pbl-cell--message')!.textContent!.length).toBe(500);
      await click(entryRows(root)[0]!);
      const pre = root.querySelector('pre[aria-label="Message"]')!;
      expect(pre.textContent!.length).toBe(200_000);
      await click(byRole(root, 'button', 'Show all (1.0 MB)'));
      expect(root.querySelector('pre[aria-label="Message"]')!.textContent!.length).toBe(big.length);
    });
  });
});
