import { PAGE_START_WAIT_MS } from '../core/cadence';
import type { FetchOutcome } from '../core/failure';
import type { NetBoxInstance } from '../core/instance';
import type { LogsPage } from '../core/log-types';
import { pageInstance, type PageStart } from '../core/page-instance';
import { firstPageQuery } from '../core/panel-injection';
import type { PanelLayout } from '../core/panel-layout';
import type { PanelSender } from './inject-panel';
import type { SharedFetchRequest, SharedFetchSender } from './shared-fetch';

// A NetBox page starts (its content script runs at document_start) and asks the worker
// one thing (message `pageStart`): which instance it is and how its panel was left. Where
// the panel was left open, the worker does at once, side by side, what the panel needs:
// it fetches the panel's first page and injects the panel's code into the page's frame,
// and answers with both (the page if it came within PAGE_START_WAIT_MS). The content script
// then mounts the panel with its rows as soon as the page has a <body>. The page's main
// thread is busy loading NetBox meanwhile, and each answer it waits for lands behind that
// work: one round trip instead of four (storage, code, page asked, page answered).

export interface PageStartDeps {
  loadInstances(): Promise<readonly NetBoxInstance[]>;
  loadLayouts(): Promise<Partial<Record<string, PanelLayout>>>;
  warm(request: SharedFetchRequest, sender: SharedFetchSender, options: { fresh: true }): Promise<void>;
  takeWarm(request: SharedFetchRequest, waitMs: number): Promise<FetchOutcome<LogsPage> | null>;
  injectPanel(sender: PanelSender): Promise<boolean>;
  /** Whether the first page was asked for as this page's document answered (./navigation-warm.ts). */
  askedAtResponse?(sender: PanelSender & SharedFetchSender): Promise<boolean>;
}

/** What a starting NetBox page needs; null when the sender has no page address. `panelCode`: the page has the panel's code already. */
export async function pageStart(sender: PanelSender & SharedFetchSender, panelCode: boolean, deps: PageStartDeps): Promise<PageStart | null> {
  if (typeof sender.url !== 'string') return null;
  const [instances, layouts] = await Promise.all([deps.loadInstances(), deps.loadLayouts()]);
  const instance = pageInstance(instances, sender.url);
  const layout = layouts[instance.id] ?? null;
  if (!layout?.open) return { instance, layout, panelLoaded: false, firstPage: null };
  // A request of this page's own, made as its document answered or now, with the page's
  // session and the sender's rights (an added instance's own page only), never an answer or
  // a request from before.
  const first: SharedFetchRequest = { instanceId: instance.id, query: firstPageQuery() };
  const warming = (deps.askedAtResponse?.(sender) ?? Promise.resolve(false))
    .then((asked) => (asked ? undefined : deps.warm(first, sender, { fresh: true })))
    .catch(() => undefined);
  // The panel's code came with the page where it is registered so (the panel left open).
  const injecting = panelCode ? Promise.resolve(true) : deps.injectPanel(sender).catch(() => false);
  const [panelLoaded, firstPage] = await Promise.all([injecting, warming.then(() => deps.takeWarm(first, PAGE_START_WAIT_MS))]);
  return { instance, layout, panelLoaded, firstPage };
}
