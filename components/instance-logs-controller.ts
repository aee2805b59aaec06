import { fetchLogs } from '../lib/fetch-logs';
import type { NetBoxInstance } from '../lib/instance';
import type { LogFilters } from '../lib/log-types';
import { createLogsController, type LogsController } from '../lib/logs-controller';
import { buildLogsUrl } from '../lib/logs-query';
import { sendMessage } from '../lib/messaging';

/**
 * The logs of one NetBox instance for a view (the page's panel or the side panel): pages
 * come from its logs proxy with the browser's NetBox session, and seeing the newest errors
 * clears the toolbar badge for it.
 */
export function createInstanceLogs(
  instance: Pick<NetBoxInstance, 'id' | 'baseUrl' | 'proxyPath'>,
  initialFilters?: Partial<LogFilters>,
): LogsController {
  return createLogsController({
    fetchPage: (query, options) =>
      fetchLogs(buildLogsUrl(instance.baseUrl, instance.proxyPath, query), { signal: options?.signal }),
    onErrorsSeen: (newestId) => {
      sendMessage('errorsSeen', { instanceId: instance.id, newestId }).catch(() => {
        // The worker is being updated or restarted: the next view will report again.
      });
    },
    isVisible: () => document.visibilityState !== 'hidden',
    initialFilters,
  });
}
