// The in-page harness the benchmark pages share (./bench-page.tsx, ./range-page.tsx): the
// real panel (PanelShell + LogsPanel + panel.css in a shadow root, as the content script
// mounts it), renders counted per component, and the logs proxy fetched for real with the
// moment each answer was received marked. Timing helpers: ./measure.ts.
import { options, type VNode } from 'preact';
import { signal } from '@preact/signals';
import { EntriesChart } from '../../../components/EntriesChart';
import { LogList } from '../../../components/LogList';
import { EntryRow } from '../../../components/LogRow';
import { LogsPanel } from '../../../components/LogsPanel';
import { PanelShell } from '../../../components/PanelShell';
import css from '../../../components/panel.css?inline';
import { mountInShadowRoot } from '../../../lib/content/mount-in-shadow-root';
import type { FetchOutcome } from '../../../lib/core/failure';
import { fetchLogs } from '../../../lib/core/fetch-logs';
import type { LogsPage } from '../../../lib/core/log-types';
import type { LogsController } from '../../../lib/core/logs-controller';
import { buildLogsUrl } from '../../../lib/core/logs-query';
import { parseLogsResponse } from '../../../lib/core/parse-logs-response';
import type { FetchPage } from '../../../lib/core/sync-newer';
import { now } from './measure';

// ---- measuring helpers -------------------------------------------------------------

/** Renders counted by component, and when the last one finished. */
export const renders = { panel: 0, list: 0, rows: 0, all: 0, chart: 0, lastPanelAt: 0, lastListAt: 0 };
const previousDiffed = options.diffed;
options.diffed = (vnode: VNode) => {
  if (typeof vnode.type === 'function') renders.all++;
  if (vnode.type === EntryRow) renders.rows++;
  if (vnode.type === EntriesChart) renders.chart++;
  if (vnode.type === LogsPanel) {
    renders.panel++;
    renders.lastPanelAt = now();
  } else if (vnode.type === LogList) {
    renders.list++;
    renders.lastListAt = now();
  }
  previousDiffed?.(vnode);
};

// ---- the real panel ----------------------------------------------------------------

const HOST_ID = 'proxbox-bench-panel';
const PANEL_HEIGHT = 480;

export interface Mounted {
  vm: LogsController;
  shadow: ShadowRoot;
  unmount(): void;
}

export function mountPanel(vm: LogsController): Mounted {
  const life = new AbortController();
  const ui = (
    <PanelShell
      initialLayout={{ open: true, height: PANEL_HEIGHT }}
      onLayoutChange={() => undefined}
      theme={signal<'light' | 'dark'>('light')}
      dockLeft={signal(0)}
    >
      {() => <LogsPanel vm={vm} instanceLabel="bench" baseUrl={location.origin} linkTarget="_self" />}
    </PanelShell>
  );
  const { host, shadow } = mountInShadowRoot(HOST_ID, css, ui, life.signal);
  document.body.append(host);
  return {
    vm,
    shadow,
    unmount() {
      vm.stop();
      life.abort();
    },
  };
}

export function rowCount(shadow: ShadowRoot): number {
  return shadow.querySelectorAll('.pbl-sizer > [role="row"]').length;
}

export function answerOf(bodyText: string): FetchOutcome<LogsPage> {
  return parseLogsResponse({
    status: 200,
    headers: { 'content-type': 'application/json' },
    url: location.href,
    redirected: false,
    type: 'basic',
    bodyText,
  });
}

/** When the last answer of a marked fetch was fully received (before parsing), and parsed and checked (fetchLogs resolved). */
export const marks = { answerAt: 0, parsedAt: 0 };

/**
 * The real fetch of the logs proxy (same-origin, the page's session). The answer's
 * arrival is marked when its body stream ends (the last chunk in), as fetchLogs reads it.
 */
export function markedFetchPage(baseUrl: string, proxyPath: string): FetchPage {
  const fetchImpl: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    if (!response.body) return response;
    const marked = response.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        flush() {
          marks.answerAt = now();
        },
      }),
    );
    return new Response(marked, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
  return async (query, opts) => {
    const outcome = await fetchLogs(buildLogsUrl(baseUrl, proxyPath, query), { signal: opts?.signal, fetchImpl, timeoutMs: 60_000 });
    marks.parsedAt = now();
    return outcome;
  };
}
