// The extension origin's IndexedDB (lib/browser/secret-store.ts) for the unit tests: an
// in-memory one, empty again before every test, as fakeBrowser.reset() empties storage.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach } from 'vitest';

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});
