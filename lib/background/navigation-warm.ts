import { browser } from 'wxt/browser';
import { WARM_MAX_AGE_MS } from '../core/cadence';
import type { NetBoxInstance } from '../core/instance';
import type { PanelLayout } from '../core/panel-layout';
import { firstPageQuery } from '../core/panel-injection';
import { instanceForUrl } from '../core/settings';
import type { SharedFetchRequest, SharedFetchSender } from './shared-fetch';

// A panel left open needs its first page on every NetBox page. The earliest moment the
// worker can ask for it is when the page's own document answers (webRequest
// onResponseStarted, main frame): by then the browser has stored any cookie that answer
// set, so the request goes with the session the page is rendered with, and it is about
// 30 ms before the page's content script can ask (measured in Chromium 156; the content
// script runs at document_start, after the page's first bytes are parsed). The page's
// `pageStart` (./page-start.ts) then takes that request instead of making one. A
// redirect's answer (a login's, say) starts nothing: only the final document does.
// webRequest reports only origins the extension holds a permission for: the added NetBox
// origins (and the backends, which serve no NetBox pages).

export interface NavigationWarmDeps {
  loadInstances(): Promise<readonly NetBoxInstance[]>;
  loadLayouts(): Promise<Partial<Record<string, PanelLayout>>>;
  warm(request: SharedFetchRequest, sender: SharedFetchSender, options: { fresh: true }): Promise<void>;
  now(): number;
}

export interface NavigationWarm {
  /** Resolves true when the first page was asked for as this tab's document at `url` answered (once). */
  take(tabId: number | undefined, url: string): Promise<boolean>;
  /** Tests: what webRequest.onResponseStarted reports. */
  onResponse(details: ResponseDetails): void;
  stop(): void;
}

export interface ResponseDetails {
  url: string;
  tabId: number;
  frameId: number;
  statusCode: number;
  responseHeaders?: Array<{ name: string; value?: string }>;
}

/** An HTML document (NetBox's API answers JSON to a browser tab, and has no panel). */
function isHtml(d: ResponseDetails): boolean {
  const type = d.responseHeaders?.find((h) => h.name.toLowerCase() === 'content-type')?.value ?? '';
  return d.statusCode === 304 || type.toLowerCase().startsWith('text/html');
}

const withoutHash = (url: string) => url.split('#')[0]!;

export function startNavigationWarm(deps: NavigationWarmDeps): NavigationWarm {
  const started = new Map<number, { url: string; at: number; asked: Promise<boolean> }>();

  const onResponse = (d: ResponseDetails): void => {
    if (d.tabId < 0 || d.frameId !== 0 || !(d.statusCode === 304 || (d.statusCode >= 200 && d.statusCode < 300)) || !isHtml(d)) return;
    const url = withoutHash(d.url);
    const asked = (async () => {
      const [instances, layouts] = await Promise.all([deps.loadInstances(), deps.loadLayouts()]);
      const instance = instanceForUrl(instances, url);
      if (!instance || !layouts[instance.id]?.open) return false;
      await deps.warm({ instanceId: instance.id, query: firstPageQuery() }, { url }, { fresh: true });
      return true;
    })().catch(() => false);
    started.set(d.tabId, { url, at: deps.now(), asked });
  };

  const events = (browser as { webRequest?: typeof browser.webRequest }).webRequest?.onResponseStarted;
  try {
    events?.addListener(onResponse, { urls: ['<all_urls>'], types: ['main_frame'] }, ['responseHeaders']);
  } catch {
    // No webRequest here (a test's fake browser): every page asks for itself.
  }

  return {
    onResponse,
    async take(tabId, url) {
      if (typeof tabId !== 'number') return false;
      const record = started.get(tabId);
      started.delete(tabId);
      if (!record || record.url !== withoutHash(url) || deps.now() - record.at >= WARM_MAX_AGE_MS) return false;
      return record.asked;
    },
    stop() {
      try {
        events?.removeListener(onResponse);
      } catch {
        // see above
      }
      started.clear();
    },
  };
}
