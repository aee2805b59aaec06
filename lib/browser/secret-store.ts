// Secrets (the backend API keys) are kept in the extension origin's IndexedDB, not in
// storage.local. Content scripts may read and write storage.local (measured: code run in the
// content script's isolated world, as a compromised NetBox renderer could, read a key kept
// there; tests/e2e/page-isolation.e2e.test.ts). The extension origin's IndexedDB is reached
// only by the worker and the extension's own pages: a content script's `indexedDB` is the
// web page's. Values are structured-cloned, one record per name.

const DB_NAME = 'proxbox-secrets';
const STORE = 'secrets';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

/** Opened for each use: a few reads and writes a minute, and a stopped worker holds nothing open. */
function open(): Promise<IDBDatabase> {
  const req = indexedDB.open(DB_NAME, 1);
  req.onupgradeneeded = () => req.result.createObjectStore(STORE);
  return request(req);
}

async function inStore<T>(mode: IDBTransactionMode, use: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    const tx = db.transaction(STORE, mode);
    const done = new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    });
    done.catch(() => undefined); // a failed request rejects both: the request's error is the one thrown
    const result = await request(use(tx.objectStore(STORE)));
    await done;
    return result;
  } finally {
    db.close();
  }
}

export function readSecret<T>(name: string): Promise<T | undefined> {
  return inStore('readonly', (store) => store.get(name) as IDBRequest<T | undefined>);
}

export async function writeSecret(name: string, value: unknown): Promise<void> {
  await inStore('readwrite', (store) => store.put(value, name));
}

export async function deleteSecret(name: string): Promise<void> {
  await inStore('readwrite', (store) => store.delete(name));
}
