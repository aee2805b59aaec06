import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SharedFetchRequest } from '@/lib/browser/messaging';

// What a view tells the worker with each page it asks (lib/browser/instance-logs-controller.ts):
// read from the controller itself, which keeps the only copy of "at the top" and of "the
// user's Refresh is on its way".

const asked: SharedFetchRequest[] = [];
vi.mock('@/lib/browser/messaging', () => ({
  sendMessage: vi.fn(async (type: string, data: SharedFetchRequest) => {
    if (type !== 'fetchLogsPage') return undefined;
    asked.push(data);
    return { ok: true, value: { logs: [], total: 0, hasMore: false } };
  }),
}));

const { createInstanceLogs } = await import('@/lib/browser/instance-logs-controller');
const instance = { id: 'https://netbox.example.com', baseUrl: 'https://netbox.example.com', proxyPath: '/api/plugins/proxbox/logs/', logsVia: 'netbox' as const };
let stop: (() => void) | undefined;

afterEach(() => {
  stop?.();
  asked.length = 0;
});

describe('a view asking the worker', () => {
  it("forces a fresh answer only for the user's Refresh, and says whether it sees the newest entries", async () => {
    const view = createInstanceLogs(instance, undefined, { watchLive: () => () => undefined });
    stop = () => view.stop();
    view.start();
    await vi.waitFor(() => expect(asked).toHaveLength(1));
    expect(asked[0]).toMatchObject({ instanceId: instance.id, force: false, seesNewest: true });

    view.setAtTop(false);
    await view.refresh();
    expect(asked[1]).toMatchObject({ force: true, seesNewest: false });

    view.setAtTop(true);
    view.pollSoon(); // the live stream's ring: not the user's
    await vi.waitFor(() => expect(asked).toHaveLength(3));
    expect(asked[2]).toMatchObject({ force: false, seesNewest: true });
  });
});
