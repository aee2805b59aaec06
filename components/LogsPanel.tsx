import type { ComponentChildren } from 'preact';
import type { ReadonlySignal } from '@preact/signals';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { describeFailure } from '../lib/core/failure-messages';
import { entryToText, exportFileName, toCsv, toJson } from '../lib/core/export-entries';
import type { LogEntry } from '../lib/core/log-types';
import type { LogsViewModel } from '../lib/core/logs-view-model';
import { copyText } from './copy-text';
import type { DisplayPrefs } from '../lib/browser/display-prefs-storage';
import type { AskActiveSync } from '../lib/browser/active-sync';
import { downloadFile } from './download-file';
import { EmptyState, type EmptyKind } from './EmptyState';
import { EntriesChart } from './EntriesChart';
import { FilterBar } from './FilterBar';
import { hasActiveFilters, plural } from './format';
import { LogList, type LogListHandle } from './LogList';
import { SearchProgress } from './SearchProgress';
import { StatusBanner } from './StatusBanner';
import { LiveSyncIndicator } from './SyncIndicator';
import { useKeyboardShortcuts } from './use-keyboard-shortcuts';
import { useNewErrorAnnouncement } from './use-new-error-announcement';
import { usePollWhileVisible } from './use-poll-while-visible';

export interface LogsPanelProps {
  vm: LogsViewModel;
  /** "netbox.example.com", for sentences. */
  instanceLabel: string;
  /** The instance's base URL, for links (log in, plugin pages). */
  baseUrl: string;
  /** How failure links open: '_self' in the page's panel, '_blank' in the side panel. */
  linkTarget: '_self' | '_blank';
  /** What the failure banner's "Enter backend API key" does (see StatusBanner). */
  onConnect?: () => void;
  /** Shows a Close button (and lets Esc close the panel) when given. */
  onClose?: () => void;
  /** Replaces the title, e.g. the side panel's instance picker. */
  heading?: ComponentChildren;
  /** Where the keyboard shortcuts listen: the panel only (in NetBox's page) or the whole document. */
  shortcutScope?: 'panel' | 'document';
  /** Display preferences (the zone times are written in); default: local time. */
  display?: ReadonlySignal<DisplayPrefs>;
  /** Asks whether a sync runs on the instance's backend (direct mode); absent: nothing shown. */
  askSync?: AskActiveSync;
  /** Size the list assumes until it is laid out (tests: there is no layout). */
  listInitialRect?: { width: number; height: number };
}

const TOAST_MS = 2500;

/**
 * Reads `refreshing` itself, so the spinner that every poll turns on and off re-renders
 * this button only, not the panel and its list: a poll costs one render of the panel at
 * most (when it brought something), docs/performance.md.
 */
function RefreshButton({ vm }: { vm: LogsViewModel }) {
  const busy = vm.refreshing.value;
  return (
    <button type="button" class="pbl-btn pbl-btn--sm" aria-busy={busy} title="Refresh (r)" onClick={() => void vm.refresh()}>
      {busy && <span class="pbl-spinner" aria-hidden="true" />}
      Refresh
    </button>
  );
}

/** What each download holds: the file's text and its type (CSV with a BOM, for Excel). */
const DOWNLOADS = {
  json: { text: (entries: readonly LogEntry[]) => toJson(entries), mime: 'application/json' },
  csv: { text: (entries: readonly LogEntry[]) => toCsv(entries, { bom: true }), mime: 'text/csv;charset=utf-8' },
} as const;

function download(format: keyof typeof DOWNLOADS, entries: readonly LogEntry[], near: Element): void {
  const { text, mime } = DOWNLOADS[format];
  downloadFile(exportFileName(format, new Date()), text(entries), mime, near);
}

function ExportButton(props: { disabled: boolean; onClick: (button: HTMLButtonElement) => void; children: string }) {
  return (
    <button type="button" class="pbl-btn pbl-btn--sm" disabled={props.disabled} onClick={(e) => props.onClick(e.currentTarget)}>
      {props.children}
    </button>
  );
}

/**
 * The Backend Logs view: filters, status, the virtual list, paging and export. It reads
 * the view model's signals and calls its actions; it fetches nothing itself. Used docked
 * in NetBox's pages and full height in the side panel.
 */
export function LogsPanel(props: LogsPanelProps) {
  const { vm, onClose } = props;
  const regionRef = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const listHandle = useRef<LogListHandle | null>(null);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  const [toast, setToast] = useState<string | null>(null);
  const toastTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  usePollWhileVisible(vm);
  useEffect(() => () => clearTimeout(toastTimer.current), []);

  const say = (text: string) => {
    setToast(text);
    clearTimeout(toastTimer.current);
    toastTimer.current = setTimeout(() => setToast(null), TOAST_MS);
  };

  useKeyboardShortcuts(() => (props.shortcutScope === 'document' ? document : regionRef.current), {
    focusSearch: () => searchRef.current?.focus(),
    refresh: () => void vm.refresh(),
    escape: () => {
      if (expanded.size === 0) return onClose?.();
      // Focus inside the details would go with them (to the page): back to their row.
      const root = regionRef.current?.getRootNode() as Document | ShadowRoot | undefined;
      const row = root?.activeElement?.closest<HTMLElement>('[role="row"]');
      row?.focus({ preventScroll: true });
      setExpanded(new Set());
    },
  });

  const toggle = useCallback((key: string) => {
    setExpanded((old) => {
      const next = new Set(old);
      if (!next.delete(key)) next.add(key);
      return next;
    });
  }, []);
  const onAtTopChange = useCallback((atTop: boolean) => vm.setAtTop(atTop), [vm]);
  const filterOperation = useCallback((operationId: string) => vm.setFilters({ operationId }), [vm]);
  // "Show this run" sets the view's From to the run's start, To open (live): a run's entries
  // are a time range (only a couple carry its operation id).
  const onShowRun = useCallback((startedAt: number) => vm.setTimeRange({ from: startedAt, to: null }), [vm]);
  const copy = async (text: string, near: Element, what: string) =>
    say((await copyText(text, near)) ? `Copied ${what}.` : `Could not copy ${what}.`);

  const rows = vm.rows.value;
  const newErrors = useNewErrorAnnouncement(rows);
  const state = vm.state.value;
  const filters = vm.filters.value;
  const search = vm.search.value;
  const total = vm.total.value;
  const shown = vm.shownCount.value;
  const pendingNew = vm.pendingNew.value;
  const notice = vm.notice.value;
  const olderFailure = vm.olderFailure?.value ?? null;
  const hasEntries = vm.loadedCount.value > 0;
  const timeZone = props.display?.value.timeZone ?? 'local';

  const failureContext = { instanceLabel: props.instanceLabel, baseUrl: props.baseUrl };

  let empty: EmptyKind | null = null;
  if (rows.length === 0) {
    if (state.phase === 'idle' || state.phase === 'loading') empty = 'loading';
    else if (state.phase === 'ready') {
      empty = vm.loadedCount.value > 0 && search.trim() ? 'search' : hasActiveFilters(filters) ? 'filtered' : 'empty';
    }
  }

  return (
    <div role="region" aria-label="Backend Logs" class="pbl-panel" ref={regionRef} tabIndex={-1}>
      <div class="pbl-header">
        {props.heading ?? (
          <h2 class="pbl-title">
            Backend Logs <span class="pbl-muted">{props.instanceLabel}</span>
          </h2>
        )}
        <div class="pbl-actions">
          <label class="pbl-switch">
            <input
              type="checkbox"
              role="switch"
              checked={vm.autoRefresh.value}
              onChange={(e) => vm.setAutoRefresh(e.currentTarget.checked)}
            />
            <span>Auto-refresh</span>
          </label>
          <RefreshButton vm={vm} />
          <ExportButton disabled={!hasEntries} onClick={(button) => void copy(toJson(vm.entries()), button, 'JSON')}>
            Copy JSON
          </ExportButton>
          <ExportButton disabled={!hasEntries} onClick={(button) => download('json', vm.entries(), button)}>
            Download JSON
          </ExportButton>
          <ExportButton disabled={!hasEntries} onClick={(button) => download('csv', vm.entries(), button)}>
            Download CSV
          </ExportButton>
          {onClose && (
            <button type="button" class="pbl-btn pbl-btn--sm pbl-btn--icon" aria-label="Close" title="Close (Esc)" onClick={onClose}>
              <span aria-hidden="true">×</span>
            </button>
          )}
        </div>
      </div>

      <FilterBar vm={vm} searchRef={searchRef} timeZone={timeZone} />
      <EntriesChart vm={vm} timeZone={timeZone} />

      {props.askSync && <LiveSyncIndicator ask={props.askSync} timeZone={timeZone} since={filters.from} onShowRun={onShowRun} />}

      {state.phase === 'failed' && (
        <StatusBanner
          failure={state.failure}
          lastSuccessAt={state.lastSuccessAt}
          nextRetryAt={state.nextRetryAt}
          instanceLabel={props.instanceLabel}
          baseUrl={props.baseUrl}
          linkTarget={props.linkTarget}
          onRetry={() => void vm.refresh()}
          {...(props.onConnect ? { onConnect: props.onConnect } : {})}
        />
      )}

      {notice !== null && (
        <div class="pbl-notice" role="status">
          <span>{notice}</span>
          <button type="button" class="pbl-btn pbl-btn--sm pbl-btn--icon" aria-label="Dismiss notice" onClick={() => vm.dismissNotice()}>
            <span aria-hidden="true">×</span>
          </button>
        </div>
      )}

      <div class="pbl-body">
        {pendingNew > 0 && (
          <button
            type="button"
            class="pbl-pill"
            onClick={() => {
              vm.showPending();
              listHandle.current?.scrollToTop();
            }}
          >
            {plural(pendingNew, 'new entry', 'new entries')}
          </button>
        )}
        {rows.length > 0 ? (
          <LogList
            rows={rows}
            query={search}
            timeZone={timeZone}
            expanded={expanded}
            onToggle={toggle}
            onFilterOperation={filterOperation}
            onCopyEntry={(entry, button) => void copy(entryToText(entry), button, 'entry')}
            onCopyOperationId={(id, button) => void copy(id, button, 'operation ID')}
            onAtTopChange={onAtTopChange}
            handle={listHandle}
            initialRect={props.listInitialRect}
          />
        ) : (
          empty && <EmptyState kind={empty} search={search.trim()} searching={vm.searchingAll.value} onClearFilters={() => vm.clearFilters()} />
        )}
      </div>

      <div class="pbl-footer">
        <span class="pbl-count">{total !== null ? `Showing ${shown} of ${total}` : `Showing ${shown}`}</span>
        <SearchProgress vm={vm} />
        <span class="pbl-toast" aria-live="polite">
          {toast}
        </span>
        <span class="pbl-visually-hidden pbl-new-errors" aria-live="polite" aria-atomic="true">
          <span key={newErrors.serial}>{newErrors.text}</span>
        </span>
        {olderFailure && (
          <span class="pbl-error-text">
            Could not load older entries: {describeFailure(olderFailure, failureContext).title}.
          </span>
        )}
        {vm.hasOlder.value && (
          <button
            type="button"
            class="pbl-btn pbl-btn--sm"
            disabled={vm.loadingOlder.value}
            aria-busy={vm.loadingOlder.value}
            onClick={() => void vm.loadOlder()}
          >
            {vm.loadingOlder.value && <span class="pbl-spinner" aria-hidden="true" />}
            Load more
          </button>
        )}
      </div>
    </div>
  );
}
