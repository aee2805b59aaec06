import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { watchNetwork, type NetworkWatch } from '@/lib/background/network-watch';

// webRequest as the worker observes it (no blocking): the extension's own requests carry
// tabId -1; a refused certificate comes as onErrorOccurred, a redirect not followed as
// onHeadersReceived with its Location (and onBeforeRedirect in Chromium).

type Fire = (details: Record<string, unknown>) => void;
const listeners: Record<string, Set<Fire>> = {};
function event(name: string) {
  listeners[name] = new Set();
  return { addListener: (l: Fire) => listeners[name]!.add(l), removeListener: (l: Fire) => listeners[name]!.delete(l) };
}
const fire = (name: string, details: Record<string, unknown>) => listeners[name]!.forEach((l) => l(details));

let clock: number;
let watch: NetworkWatch;
const BACKEND = 'https://10.0.0.7:8443';

beforeEach(() => {
  fakeBrowser.reset();
  (fakeBrowser as unknown as Record<string, unknown>).webRequest = {
    onErrorOccurred: event('error'),
    onBeforeRedirect: event('redirect'),
    onHeadersReceived: event('headers'),
  };
  clock = 1000;
  watch = watchNetwork(() => clock);
});

afterEach(() => watch.stop());

describe('watchNetwork', () => {
  it("names the certificate Chromium refused for the extension's own request to that origin", async () => {
    fire('error', { url: `${BACKEND}/health`, error: 'net::ERR_CERT_AUTHORITY_INVALID', tabId: -1 });
    expect(await watch.explain(`${BACKEND}/admin/logs?limit=1`, 1000)).toEqual({ certificate: 'unknown-authority', error: 'net::ERR_CERT_AUTHORITY_INVALID' });
  });

  it('waits for an event that comes just after the failed fetch', async () => {
    const explained = watch.explain(`${BACKEND}/health`, 1000, 1000);
    fire('error', { url: `${BACKEND}/health`, error: 'The certificate is not trusted because it is self-signed.', tabId: -1 });
    expect(await explained).toMatchObject({ certificate: 'self-signed' });
  });

  it('says nothing of what a tab saw, of another origin, of an older request, or of other errors', async () => {
    fire('error', { url: `${BACKEND}/health`, error: 'net::ERR_CERT_AUTHORITY_INVALID', tabId: 4 });
    fire('error', { url: 'https://10.0.0.8:8443/health', error: 'net::ERR_CERT_AUTHORITY_INVALID', tabId: -1 });
    fire('error', { url: `${BACKEND}/health`, error: 'net::ERR_CONNECTION_REFUSED', tabId: -1 });
    clock = 2000;
    fire('error', { url: `${BACKEND}/health`, error: 'net::ERR_CERT_DATE_INVALID', tabId: -1 });
    expect(await watch.explain(`${BACKEND}/health`, 3000, 10)).toBeNull();
    expect(await watch.explain(`${BACKEND}/health`, 1500, 10)).toEqual({ certificate: 'expired', error: 'net::ERR_CERT_DATE_INVALID' });
  });

  it("names where a redirect pointed, from its Location (relative ones resolved)", async () => {
    fire('headers', { url: `${BACKEND}/admin/logs`, statusCode: 307, tabId: -1, responseHeaders: [{ name: 'Location', value: '/elsewhere' }] });
    expect(await watch.explain(`${BACKEND}/admin/logs`, 1000)).toEqual({ redirectTo: `${BACKEND}/elsewhere` });
    fire('redirect', { url: 'http://10.0.0.9/admin/logs', redirectUrl: 'http://127.0.0.2:9/admin/logs', tabId: -1 });
    expect(await watch.explain('http://10.0.0.9/x', 1000)).toEqual({ redirectTo: 'http://127.0.0.2:9/admin/logs' });
  });

  it('without webRequest (not granted) explains nothing, at once', async () => {
    watch.stop();
    delete (fakeBrowser as unknown as Record<string, unknown>).webRequest;
    watch = watchNetwork(() => clock);
    expect(await watch.explain(`${BACKEND}/health`, 0)).toBeNull();
  });
});
