import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { RELAY_PORT, relayFetch, serveFetchRelay, type RelayRequest } from '@/lib/browser/fetch-relay';
import { stubExtensionApis } from './browser-stubs';

// The worker's requests to HTTPS backends, made by the offscreen document in Chromium: both
// ends of the port, in memory. What crosses: the request as data, the answer's head, the
// body as text chunks; closing the port aborts the request.

type Listener = (message: unknown) => void;
type Sender = { id?: string; url?: string; tab?: unknown } | undefined;

/** One end of a port: what it posts, the other end hears (as JSON, later); a disconnect tells only the other end. */
class FakePort {
  readonly name = RELAY_PORT;
  other!: FakePort;
  private readonly heard = new Set<Listener>();
  private readonly gone = new Set<() => void>();
  constructor(readonly sender?: Sender) {}
  postMessage(message: unknown): void {
    const copy = JSON.parse(JSON.stringify(message)) as unknown;
    queueMicrotask(() => this.other.heard.forEach((l) => l(copy)));
  }
  disconnect(): void {
    this.other.gone.forEach((l) => l());
  }
  onMessage = { addListener: (l: Listener) => void this.heard.add(l) };
  onDisconnect = { addListener: (l: () => void) => void this.gone.add(l) };
}

/** The worker's end, and the document's end that carries the sender the browser names. */
function portPair(sender: Sender): [FakePort, FakePort] {
  const worker = new FakePort();
  const document = new FakePort(sender);
  worker.other = document;
  document.other = worker;
  return [worker, document];
}

const REQUEST: RelayRequest = { url: 'https://10.0.0.7:8443/admin/logs?limit=1', headers: { 'X-Proxbox-API-Key': 'k' }, credentials: 'omit', redirect: 'manual' };
let connectListeners: Set<(port: unknown) => void>;
let fetchSpy: ReturnType<typeof vi.fn>;
const workerSender = () => ({ id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/background.js') });

function connect(sender: Sender): FakePort {
  const [workerEnd, documentEnd] = portPair(sender);
  // Another context hears of the port later, as in a browser.
  queueMicrotask(() => connectListeners.forEach((l) => l(documentEnd)));
  return workerEnd;
}

beforeEach(() => {
  fakeBrowser.reset();
  connectListeners = stubExtensionApis().connectListeners;
  fetchSpy = vi.fn(async () => new Response('{"logs": ["é", "…"]}', { status: 200, headers: { 'content-type': 'application/json', 'x-one': '1' } }));
  vi.stubGlobal('fetch', fetchSpy);
  serveFetchRelay();
});

describe('relayFetch ↔ serveFetchRelay', () => {
  it('the document fetches as asked and the worker reads the answer: status, headers, body (non-ASCII intact)', async () => {
    const response = await relayFetch(() => connect(workerSender()) as never, REQUEST);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-one')).toBe('1');
    expect(await response.text()).toBe('{"logs": ["é", "…"]}');
    expect(fetchSpy).toHaveBeenCalledWith(REQUEST.url, expect.objectContaining({ headers: REQUEST.headers, credentials: 'omit', redirect: 'manual' }));
  });

  it('an opaque redirect comes back as one: status 0, type opaqueredirect', async () => {
    fetchSpy.mockImplementation(async () => ({ status: 0, type: 'opaqueredirect', url: '', redirected: false, headers: new Headers(), body: null }));
    const response = await relayFetch(() => connect(workerSender()) as never, REQUEST);
    expect([response.status, response.type, response.ok]).toEqual([0, 'opaqueredirect', false]);
  });

  it("a failed fetch rejects like fetch, with the document's words", async () => {
    fetchSpy.mockImplementation(async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(relayFetch(() => connect(workerSender()) as never, REQUEST)).rejects.toThrow(new TypeError('Failed to fetch'));
  });

  it("the caller's abort rejects with an AbortError and aborts the document's fetch", async () => {
    let documentSignal: AbortSignal | undefined;
    fetchSpy.mockImplementation((_url: string, init: RequestInit) => {
      documentSignal = init.signal ?? undefined;
      return new Promise(() => {});
    });
    const abort = new AbortController();
    const pending = relayFetch(() => connect(workerSender()) as never, REQUEST, abort.signal);
    await vi.waitFor(() => expect(documentSignal).toBeDefined());
    abort.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(documentSignal?.aborted).toBe(true);
  });

  it.each([
    ['a content script (a NetBox tab)', { id: 'self', url: 'http://10.0.0.5:8000/dcim/devices/', tab: { id: 3 } }],
    ['another extension', { id: 'someone-else', url: 'chrome-extension://someone-else/background.js' }],
    ['no sender', undefined],
  ])('refuses %s: nothing is fetched, the port is closed', async (_who, sender) => {
    const resolved = sender?.id === 'self' ? { ...sender, id: fakeBrowser.runtime.id } : sender;
    await expect(relayFetch(() => connect(resolved) as never, REQUEST)).rejects.toThrow(TypeError);
    expect(fetchSpy).not.toHaveBeenCalled();
  });
});
