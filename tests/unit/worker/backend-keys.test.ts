import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { dropBackendKey, getBackendKey, keptForSession, saveBackendKey } from '@/lib/browser/backend-keys';
import { readSecret } from '@/lib/browser/secret-store';

// Where a backend key is kept: never in storage.local, which content scripts (and so a
// compromised NetBox renderer) can read; in the extension origin's IndexedDB, or in
// storage.session until the browser closes.

const NETBOX = 'http://10.0.0.5:8000';
const BACKEND = 'http://10.0.0.7:8800';

beforeEach(() => {
  fakeBrowser.reset();
});

describe('backend keys', () => {
  it('keeps a key in the extension origin’s IndexedDB, nothing of it in storage.local', async () => {
    await saveBackendKey(NETBOX, { key: 'the-key', backendUrl: BACKEND }, { session: false });
    expect(await getBackendKey(NETBOX, BACKEND)).toBe('the-key');
    expect(await readSecret('backend-keys')).toEqual({ [NETBOX]: { key: 'the-key', backendUrl: BACKEND } });
    expect(JSON.stringify(await fakeBrowser.storage.local.get())).not.toContain('the-key');
  });

  it('keeps one until the browser closes in storage.session, and then nowhere else', async () => {
    await saveBackendKey(NETBOX, { key: 'old', backendUrl: BACKEND }, { session: false });
    await saveBackendKey(NETBOX, { key: 'for-now', backendUrl: BACKEND }, { session: true });
    expect(await keptForSession(NETBOX)).toBe(true);
    expect(await getBackendKey(NETBOX, BACKEND)).toBe('for-now');
    expect(await readSecret('backend-keys')).toEqual({});
    await dropBackendKey(NETBOX);
    expect(await getBackendKey(NETBOX, BACKEND)).toBeNull();
  });

  it('moves a key an earlier version kept in storage.local out of it at the first read', async () => {
    await fakeBrowser.storage.local.set({ 'backend-keys': { [NETBOX]: { key: 'from-before', backendUrl: BACKEND } } });
    expect(await getBackendKey(NETBOX, BACKEND)).toBe('from-before');
    expect(await fakeBrowser.storage.local.get('backend-keys')).toEqual({});
    expect(await readSecret('backend-keys')).toEqual({ [NETBOX]: { key: 'from-before', backendUrl: BACKEND } });
  });

  it('gives a key only for the address it was given for', async () => {
    await saveBackendKey(NETBOX, { key: 'the-key', backendUrl: BACKEND }, { session: false });
    expect(await getBackendKey(NETBOX, 'http://10.0.0.66:8800')).toBeNull();
  });
});
