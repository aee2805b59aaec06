import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { startWorker, type Worker } from '@/lib/background/worker';
import { SENDER_RULES, type WorkerMessage } from '@/lib/background/sender-rules';
import * as messaging from '@/lib/browser/messaging';
import { getBackendKey, saveBackendKey } from '@/lib/browser/backend-keys';
import { fetchJson, fetchLogs } from '@/lib/core/fetch-logs';
import type { NetBoxInstance } from '@/lib/core/instance';
import { senderPlace } from '@/lib/core/message-sender';
import { createInstance } from '@/lib/core/settings';
import { loadInstances, saveInstances } from '@/lib/browser/settings-storage';
import { wireEntry } from '../../fixtures/wire-entry';
import { contentScriptSender, extensionPageSender, stubExtensionApis } from './browser-stubs';

// The worker's sender rules (lib/background/sender-rules.ts), through the real worker and
// its message handlers: which sender may send what, what a refused sender gets back, and
// that the worker did nothing for it (no request, no storage change, no tab, no script).

vi.mock('@/lib/browser/messaging', async () => (await import('./browser-stubs')).inProcessMessaging());
const { sendMessageFrom } = messaging as unknown as { sendMessageFrom: (sender: object, type: string, data?: unknown) => Promise<unknown> };

const NETBOX = 'http://10.0.0.5:8000';
const BACKEND = 'http://10.0.0.7:8800';
const ATTACKER = 'http://10.0.0.66:8800';
const KEY = 'the-right-key';

let sent: { url: string; key: string | null }[];
let backendKey: string;
let worker: Worker | undefined;
let stubs: ReturnType<typeof stubExtensionApis>;
let instance: NetBoxInstance;

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

/** proxbox-api at BACKEND (and anything else answering /health), recording every request. */
const network: typeof fetch = async (input, init) => {
  const url = String(input);
  const key = new Headers(init?.headers).get('X-Proxbox-API-Key');
  sent.push({ url, key });
  if (new URL(url).pathname === '/health') return json(200, { status: 'ready' });
  if (key !== backendKey) return json(401, { detail: 'Invalid API key. 3 attempts remaining.' });
  return json(200, { logs: [wireEntry('2'), wireEntry('1')], total: 2, has_more: false, active_filters: {} });
};

const SENDERS = {
  'an extension page': extensionPageSender('options.html'),
  "a content script of the instance's origin": contentScriptSender(`${NETBOX}/dcim/devices/`),
  // The content script is registered by host (match patterns have no port in Firefox).
  'a content script of another origin (same host, another port)': contentScriptSender('http://10.0.0.5:9000/'),
  'a sender without an address': { id: 'test-extension-id', tab: { id: 41 }, frameId: 0 },
} as const;
type SenderName = keyof typeof SENDERS;

/** What each message carries in the table (the instance's id wherever one is asked). */
function dataOf(type: WorkerMessage): unknown {
  const instanceId = instance.id;
  switch (type) {
    case 'connectBackend':
      return { instanceId, backendUrl: ATTACKER, key: 'attacker-key', session: false };
    case 'errorsSeen':
      return { instanceId, newestId: 2 };
    case 'fetchLogsPage':
    case 'warmLogsPage':
      return { instanceId, query: { limit: 5 } };
    case 'pollNow':
      return {};
    case 'getStatus':
    case 'loadPanel':
    case 'pageStart':
      return undefined;
    default:
      return { instanceId };
  }
}

const ACCEPTED: Record<SenderName, WorkerMessage[]> = {
  'an extension page': ['connectBackend', 'checkBackendHealth', 'pollNow', 'getStatus', 'getRecentOperations', 'openLogs', 'errorsSeen', 'fetchLogsPage', 'getActiveSync', 'warmLogsPage', 'openOptions'],
  "a content script of the instance's origin": ['errorsSeen', 'fetchLogsPage', 'getActiveSync', 'warmLogsPage', 'openOptions', 'loadPanel', 'pageStart'],
  'a content script of another origin (same host, another port)': [],
  'a sender without an address': [],
};

/** Everything the worker could have done for a message. */
async function effects() {
  return {
    requests: sent.length,
    storage: JSON.stringify(await fakeBrowser.storage.local.get()),
    tabs: (await fakeBrowser.tabs.query({})).length,
    scripts: stubs.scripting.executeScript.mock.calls.length,
    sidePanel: stubs.sidePanel.open.mock.calls.length,
  };
}

beforeEach(async () => {
  fakeBrowser.reset();
  stubs = stubExtensionApis({ granted: (p) => p === 'http://10.0.0.5:8000/*' || p === 'http://10.0.0.7:8800/*' });
  sent = [];
  backendKey = KEY;
  instance = { ...createInstance({ baseUrl: NETBOX, origin: NETBOX }), logsVia: 'backend', backendUrl: BACKEND, backendUrlFromNetBox: BACKEND };
  await saveInstances([instance]);
  await saveBackendKey(instance.id, { key: KEY, backendUrl: BACKEND }, { session: false });
  worker = startWorker({
    fetchLogs: (url, options) => fetchLogs(url, { ...options, fetchImpl: network }),
    fetchJson: (url, options) => fetchJson(url, { ...options, fetchImpl: network }),
    now: () => Date.parse('2026-12-07T10:00:00Z'),
    isOnline: () => true,
  });
  await worker.ready;
});

afterEach(() => {
  worker?.stop();
  worker = undefined;
});

describe('which sender the worker accepts each message from', () => {
  const cases = (Object.keys(SENDERS) as SenderName[]).flatMap((sender) =>
    (Object.keys(SENDER_RULES) as WorkerMessage[]).map((type) => ({ sender, type, accepted: ACCEPTED[sender].includes(type) })),
  );

  it.each(cases)('$sender › $type: accepted $accepted', async ({ sender, type, accepted }) => {
    const before = await effects();
    const answer = sendMessageFrom(SENDERS[sender], type, dataOf(type));
    if (accepted) {
      await answer; // an answer, not a refusal
      return;
    }
    await expect(answer).rejects.toThrow(new RegExp(`^proxbox: ${type} refused: `));
    expect(await effects()).toEqual(before);
  });
});

describe('what a page cannot do with the key', () => {
  const page = SENDERS["a content script of the instance's origin"];

  it("cannot replace the user's key and address, or spend the backend's key attempts", async () => {
    const before = sent.length;
    for (let i = 0; i < 6; i++) {
      await expect(sendMessageFrom(page, 'connectBackend', { instanceId: instance.id, backendUrl: BACKEND, key: `guess-${i}`, session: false })).rejects.toThrow(
        "proxbox: connectBackend refused: accepted from the extension's own pages only",
      );
    }
    expect(sent.length).toBe(before);
    expect(await getBackendKey(instance.id, BACKEND)).toBe(KEY);
    expect((await loadInstances())[0]).toMatchObject({ backendUrl: BACKEND });
  });

  it('reads its own instance with the kept key only, and sends nothing more once that key is rejected', async () => {
    expect(await sendMessageFrom(page, 'fetchLogsPage', { instanceId: instance.id, query: { limit: 5 } })).toMatchObject({ ok: true });
    expect(sent.at(-1)).toMatchObject({ key: KEY });
    backendKey = 'rotated-by-an-administrator';
    const before = sent.length;
    expect(await sendMessageFrom(page, 'fetchLogsPage', { instanceId: instance.id, query: { limit: 6 } })).toMatchObject({ ok: false, failure: { kind: 'key-rejected' } });
    for (let i = 0; i < 5; i++) {
      expect(await sendMessageFrom(page, 'fetchLogsPage', { instanceId: instance.id, query: { limit: 7 + i }, force: true })).toMatchObject({ ok: false, failure: { kind: 'key-rejected' } });
    }
    // One attempt: the request that found the key rejected, and none after it.
    expect(sent.length - before).toBe(1);
  });
});

describe('where a message comes from', () => {
  const BASE = 'chrome-extension://abcdefghijklmnop/';
  it.each([
    ['an extension page (Chrome)', { url: `${BASE}options.html`, origin: 'chrome-extension://abcdefghijklmnop' }, { kind: 'extension' }],
    ['an extension page (Firefox: url only)', { url: 'moz-extension://0f1e/options.html' }, { kind: 'extension' }, 'moz-extension://0f1e/'],
    ['a content script', { url: `${NETBOX}/dcim/`, origin: NETBOX }, { kind: 'page', origin: NETBOX }],
    ['a content script (Firefox: url only)', { url: `${NETBOX}/dcim/` }, { kind: 'page', origin: NETBOX }],
    ['a sandboxed frame (opaque origin)', { url: `${NETBOX}/dcim/`, origin: 'null' }, { kind: 'unknown' }],
    ["a page claiming the extension's URL with its own origin", { url: `${BASE}options.html`, origin: NETBOX }, { kind: 'page', origin: NETBOX }],
    ['another extension', { url: 'chrome-extension://zzzzzzzz/options.html', origin: 'chrome-extension://zzzzzzzz' }, { kind: 'page', origin: 'chrome-extension://zzzzzzzz' }],
    ['no address', {}, { kind: 'unknown' }],
    ['no sender', undefined, { kind: 'unknown' }],
  ])('%s', (_name, sender, place, base = BASE) => {
    expect(senderPlace(sender, base)).toEqual(place);
  });
});
