import { DEFAULT_PROXY_PATH, instanceLabel, type NetBoxInstance } from '@/lib/core/instance';
import { instanceForUrl } from '@/lib/core/settings';

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
