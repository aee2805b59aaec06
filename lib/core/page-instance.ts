import { DEFAULT_PROXY_PATH, instanceLabel, type NetBoxInstance } from './instance';
import { instanceForUrl } from './settings';
import type { FetchOutcome } from './failure';
import type { LogsPage } from './log-types';
import type { PanelLayout } from './panel-layout';

export type PageInstance = Pick<NetBoxInstance, 'id' | 'baseUrl' | 'proxyPath' | 'logsVia'> & { label: string };

/**
 * The added instance this page belongs to (its base URL is a prefix of the page's); when
 * none matches (the origin was added with another BASE_PATH), the page's origin with the
 * default proxy path.
 */
export function pageInstance(instances: readonly NetBoxInstance[], pageUrl: string): PageInstance {
  const found = instanceForUrl(instances, pageUrl);
  const base = found ?? { id: new URL(pageUrl).origin, baseUrl: new URL(pageUrl).origin, proxyPath: DEFAULT_PROXY_PATH, logsVia: 'netbox' as const };
  return { id: base.id, baseUrl: base.baseUrl, proxyPath: base.proxyPath, logsVia: base.logsVia, label: instanceLabel(base) };
}

/** What the worker tells a starting NetBox page (message `pageStart`, lib/background/page-start.ts). */
export interface PageStart {
  instance: PageInstance;
  /** How the panel was left on this instance; null: never opened there. */
  layout: PanelLayout | null;
  /** The panel's code was injected into the sender's frame (the panel was left open). */
  panelLoaded: boolean;
  /**
   * The panel's first page (lib/core/panel-injection.ts firstPageQuery), fetched for this
   * page as it started; null when the panel is not open or NetBox was slower than that.
   */
  firstPage: FetchOutcome<LogsPage> | null;
}
