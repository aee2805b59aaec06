// The baseline of the comparison: a small renderer that does what the Proxbox plugin's own
// Backend Logs page (netbox-proxbox 0.0.24, /plugins/proxbox/logs/) does with the same
// answers. It is NOT the plugin's code; it is built from its observable behaviour
// (tests/fixtures/recorded/netbox/pluginlogs.html holds the page's markup and config; the
// plugin's logs.js is loaded from /static and not part of the recording):
// - pages of 200 (`limit=200`), "Load More" asks `older_than_id=<oldest>`;
// - every entry held is a <tr> in one table, all in the DOM, newest first (sorted again
//   on every render);
// - each row built with createElement, per cell, its text set through the DOM
//   (textContent: never parsed as HTML); the timestamp with toLocaleString();
// - the whole table is rebuilt on each "Load More" and each refresh;
// - the traceback row is built only when its entry is clicked;
// - live: a poll every 5 s (`newer_than_id=<newest>`) prepends the new rows, each
//   flashing for 1.2 s (the page's stream is refused without the backend's key, so it
//   falls back to polling).
// The page itself scrolls (no scroll box), as the plugin's page does.
import type { WireLogEntry } from '../../simulator/types';

/** An entry as the backend answers it (what the page holds: the answer's own objects). */
export type WireEntry = WireLogEntry;

export const PAGE_SIZE = 200;
export const POLL_MS = 5000;
export const FLASH_MS = 1200;

const BADGE: Record<string, string> = { DEBUG: 'secondary', INFO: 'primary', WARNING: 'warning', ERROR: 'danger', CRITICAL: 'danger' };

const CSS = `
.logs-table { width: 100%; border-collapse: collapse; font-size: .8125rem; }
.logs-table th, .logs-table td { padding: .25rem .5rem; border-bottom: 1px solid var(--tblr-border-color, #e6e7e9); vertical-align: top; text-align: left; }
.logs-table tbody tr:nth-of-type(odd) > * { background: rgba(0, 0, 0, .02); }
.logs-table tbody tr:hover > * { background: rgba(0, 0, 0, .04); }
.log-message-text { white-space: pre-wrap; word-break: break-word; }
.log-entry.expandable { cursor: pointer; }
.log-detail-row pre { max-height: none; white-space: pre-wrap; }
.log-entry-new > * { animation: proxbox-log-flash ${FLASH_MS}ms ease-out; }
@keyframes proxbox-log-flash { from { background-color: rgba(255, 193, 7, .35); } to { background-color: transparent; } }
`;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function formatTimestamp(timestamp: string): string {
  if (!timestamp) return '-';
  const d = new Date(timestamp);
  return Number.isNaN(d.getTime()) ? timestamp : d.toLocaleString();
}

function sortNewestFirst(logs: readonly WireEntry[]): WireEntry[] {
  return [...logs].sort((a, b) => {
    const ia = Number.parseInt(a.id, 10);
    const ib = Number.parseInt(b.id, 10);
    if (!Number.isNaN(ia) && !Number.isNaN(ib) && ia !== ib) return ib - ia;
    return new Date(b.timestamp).getTime() - new Date(a.timestamp).getTime();
  });
}

export interface PluginPage {
  card: HTMLElement;
  tbody: HTMLTableSectionElement;
  /** Entries held (and rendered), newest first. */
  readonly count: number;
  loadFirst(): Promise<void>;
  /** What loadFirst does with an answer: hold its entries, rebuild the table. */
  show(answer: { logs: WireEntry[]; has_more: boolean }): void;
  remove(): void;
  loadMore(): Promise<boolean>;
  poll(): Promise<number>;
  startPolling(): void;
  stop(): void;
}

/** The page's logs card (its markup, simplified), filled from `logsApiUrl`. */
export function createPluginPage(parent: HTMLElement, logsApiUrl: string): PluginPage {
  const style = el('style', undefined, CSS);
  document.head.append(style);
  const card = el('div', 'card');
  card.id = 'proxbox-plugin-logs';
  const table = el('table', 'table table-hover table-sm table-striped logs-table mb-0');
  const head = el('tr');
  for (const [name, width] of [['Timestamp', '180px'], ['Level', '80px'], ['Module', '150px'], ['Message', ''], ['Operation', '120px']] as const) {
    const th = el('th', undefined, name);
    if (width) th.style.width = width;
    head.append(th);
  }
  const thead = el('thead');
  thead.append(head);
  const tbody = el('tbody');
  tbody.id = 'logsTableBody';
  table.append(thead, tbody);
  const footer = el('div', 'card-footer');
  const logCount = el('span', undefined, '0');
  logCount.id = 'logCount';
  const loadMoreBtn = el('button', 'btn btn-outline-secondary btn-sm', 'Load More');
  loadMoreBtn.type = 'button';
  loadMoreBtn.id = 'loadMoreBtn';
  footer.append(logCount, ' logs ', loadMoreBtn);
  card.append(table, footer);
  parent.append(card);

  let displayed: WireEntry[] = [];
  let newestId: string | null = null;
  let oldestId: string | null = null;
  let hasMore = false;
  let timer: ReturnType<typeof setInterval> | undefined;

  async function fetchPage(params: Record<string, string>): Promise<{ logs: WireEntry[]; has_more: boolean }> {
    const query = new URLSearchParams({ ...params, limit: String(PAGE_SIZE) });
    const response = await fetch(`${logsApiUrl}?${query}`, { headers: { Accept: 'application/json' }, credentials: 'include' });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const data = (await response.json()) as { logs?: WireEntry[]; has_more?: boolean };
    return { logs: data.logs ?? [], has_more: Boolean(data.has_more) };
  }

  function toggleDetail(row: HTMLTableRowElement, log: WireEntry): void {
    const next = row.nextElementSibling;
    if (next?.classList.contains('log-detail-row')) {
      next.remove();
      row.dataset.expanded = 'false';
      return;
    }
    const detail = el('tr', 'log-detail-row');
    const td = el('td', 'p-0');
    td.colSpan = 5;
    const box = el('div', 'p-3 bg-light border-top');
    if (log.expandable?.traceback) {
      const pre = el('pre', 'mb-0 small');
      pre.append(el('code', undefined, log.expandable.traceback));
      box.append(el('h6', 'mb-2', 'Traceback:'), pre);
    }
    if (log.operation) box.append(el('div', 'mb-2', `Operation: ${log.operation}`));
    if (log.phase) box.append(el('div', 'mb-2', `Phase: ${log.phase}`));
    td.append(box);
    detail.append(td);
    row.after(detail);
    row.dataset.expanded = 'true';
  }

  function buildRow(log: WireEntry): HTMLTableRowElement {
    const row = el('tr', `log-entry log-level-${String(log.level || 'info').toLowerCase()}`);
    row.append(el('td', 'log-timestamp', formatTimestamp(log.timestamp)));
    const level = el('td', 'log-level');
    level.append(el('span', `badge bg-${BADGE[log.level] ?? 'secondary'}`, log.level || '-'));
    row.append(level, el('td', 'log-module', log.module));
    const message = el('td', 'log-message');
    message.append(el('span', 'log-message-text', log.message));
    if (log.expandable) message.append(el('i', 'mdi mdi-chevron-down expand-icon'));
    const op = el('td', 'log-operation');
    op.append(log.operation_id ? el('code', 'operation-id', log.operation_id.slice(0, 8)) : '-');
    row.append(message, op);
    if (log.expandable) {
      row.classList.add('expandable');
      row.dataset.expanded = 'false';
      row.addEventListener('click', () => toggleDetail(row, log));
    }
    return row;
  }

  /** The whole table, rebuilt. */
  function renderAll(): void {
    tbody.textContent = '';
    const rows = document.createDocumentFragment();
    for (const log of sortNewestFirst(displayed)) rows.append(buildRow(log));
    tbody.append(rows);
    logCount.textContent = String(displayed.length);
    loadMoreBtn.style.display = hasMore ? '' : 'none';
  }

  /** New entries on top, flashing. */
  function prependNew(logs: readonly WireEntry[]): void {
    const first = tbody.firstChild;
    for (const log of sortNewestFirst(logs)) {
      const row = buildRow(log);
      row.classList.add('log-entry-new');
      tbody.insertBefore(row, first);
    }
    logCount.textContent = String(displayed.length);
  }

  const page: PluginPage = {
    card,
    tbody,
    get count() {
      return displayed.length;
    },
    async loadFirst() {
      page.show(await fetchPage({}));
    },
    show(answer) {
      displayed = answer.logs;
      newestId = displayed[0]?.id ?? null;
      oldestId = displayed.at(-1)?.id ?? null;
      hasMore = answer.has_more;
      renderAll();
    },
    remove() {
      clearInterval(timer);
      card.remove();
      style.remove();
    },
    async loadMore() {
      if (!hasMore || !oldestId) return false;
      const data = await fetchPage({ older_than_id: oldestId });
      displayed = [...displayed, ...data.logs];
      oldestId = data.logs.at(-1)?.id ?? oldestId;
      hasMore = data.has_more;
      renderAll();
      return true;
    },
    async poll() {
      if (!newestId) return 0;
      const data = await fetchPage({ newer_than_id: newestId });
      if (data.logs.length === 0) return 0;
      displayed = [...data.logs, ...displayed];
      newestId = data.logs[0]!.id;
      prependNew(data.logs);
      return data.logs.length;
    },
    startPolling() {
      clearInterval(timer);
      timer = setInterval(() => void page.poll(), POLL_MS);
    },
    stop() {
      clearInterval(timer);
    },
  };
  loadMoreBtn.addEventListener('click', () => void page.loadMore());
  return page;
}
