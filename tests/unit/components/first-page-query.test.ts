import { describe, expect, it, vi } from 'vitest';
import { createInstanceLogs } from '../../../lib/browser/instance-logs-controller';
import { buildLogsUrl } from '../../../lib/core/logs-query';
import { firstPageQuery } from '../../../lib/core/panel-injection';

// The content script has the worker fetch the panel's first page ahead (firstPageQuery);
// the panel's own first request takes that answer only if it asks exactly the same.
describe("the panel's first page, fetched ahead", () => {
  it('is the query the panel asks first when it opens with no filter', async () => {
    const instance = { id: 'https://netbox.example.com', baseUrl: 'https://netbox.example.com', proxyPath: '/api/plugins/proxbox/logs/', logsVia: 'netbox' as const };
    const fetchImpl = vi.fn(async () => new Response(JSON.stringify({ logs: [], total: 0, has_more: false }), { status: 200 }));
    const logs = createInstanceLogs(instance, undefined, { fetchImpl: fetchImpl as typeof fetch });
    logs.start();
    await vi.waitFor(() => expect(fetchImpl).toHaveBeenCalled());
    logs.stop();
    expect(String((fetchImpl.mock.calls[0] as unknown[])[0])).toBe(buildLogsUrl(instance.baseUrl, instance.proxyPath, firstPageQuery()));
  });
});
