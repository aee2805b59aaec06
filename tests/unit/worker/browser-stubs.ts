// What fakeBrowser leaves unimplemented (scripting, permissions, sidePanel), as vi.fn
// stubs with a little state, and an in-process stand-in for lib/browser/messaging.ts (the
// @webext-core messenger calls chrome.runtime.sendMessage with a callback, which the fake
// browser does not support).
import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

export interface RegisteredScript {
  id: string;
  matches?: string[];
  js?: string[];
  runAt?: string;
  persistAcrossSessions?: boolean;
}

export function stubExtensionApis(options: { granted?: (pattern: string) => boolean } = {}) {
  const registered: RegisteredScript[] = [];
  const granted = new Set<string>();
  const scripting = {
    registerContentScripts: vi.fn(async (scripts: RegisteredScript[]) => {
      for (const s of scripts) {
        if (registered.some((r) => r.id === s.id)) throw new Error(`Duplicate script ID '${s.id}'`);
        registered.push({ ...s });
      }
    }),
    getRegisteredContentScripts: vi.fn(async (filter?: { ids?: string[] }) =>
      registered.filter((r) => !filter?.ids || filter.ids.includes(r.id)).map((r) => ({ ...r })),
    ),
    unregisterContentScripts: vi.fn(async (filter?: { ids?: string[] }) => {
      for (let i = registered.length - 1; i >= 0; i--) if (!filter?.ids || filter.ids.includes(registered[i]!.id)) registered.splice(i, 1);
    }),
    // Like Chrome: only a registered id can be updated, in place.
    updateContentScripts: vi.fn(async (scripts: RegisteredScript[]) => {
      for (const s of scripts) {
        const at = registered.findIndex((r) => r.id === s.id);
        if (at < 0) throw new Error(`Nonexistent script ID '${s.id}'`);
        registered[at] = { ...registered[at]!, ...s };
      }
    }),
    executeScript: vi.fn(async () => []),
  };
  const permissions = {
    contains: vi.fn(async ({ origins }: { origins?: string[] }) =>
      (origins ?? []).every((o) => granted.has(o) || (options.granted?.(o) ?? false)),
    ),
    request: vi.fn(async ({ origins }: { origins?: string[] }) => {
      for (const o of origins ?? []) granted.add(o);
      return true;
    }),
    remove: vi.fn(async ({ origins }: { origins?: string[] }) => {
      for (const o of origins ?? []) granted.delete(o);
      return true;
    }),
    onAdded: { addListener: vi.fn(), removeListener: vi.fn() },
    onRemoved: { addListener: vi.fn(), removeListener: vi.fn() },
  };
  const sidePanel = {
    setOptions: vi.fn(async (_: { path?: string }) => undefined),
    open: vi.fn(async (_: { windowId: number }) => undefined),
  };
  // runtime.onConnect (the live stream's ports): views are simulated with connectPort().
  const connectListeners = new Set<(port: unknown) => void>();
  (fakeBrowser.runtime as unknown as Record<string, unknown>).onConnect = {
    addListener: (l: (port: unknown) => void) => connectListeners.add(l),
    removeListener: (l: (port: unknown) => void) => connectListeners.delete(l),
  };
  const target = fakeBrowser as unknown as Record<string, unknown>;
  // The fake's getLastFocused answers undefined until two windows were focused.
  (fakeBrowser.windows as unknown as Record<string, unknown>).getLastFocused = vi.fn(async () => ({ id: 7, focused: true }));
  target.scripting = scripting;
  target.permissions = permissions;
  target.sidePanel = sidePanel;
  return { registered, granted, scripting, permissions, sidePanel, connectListeners };
}

export function removeSidePanel(): void {
  delete (fakeBrowser as unknown as Record<string, unknown>).sidePanel;
}

/** The sender the browser gives a message from one of the extension's pages (the popup). */
export function extensionPageSender(page = 'popup.html'): { url: string; origin: string; id: string } {
  const base = fakeBrowser.runtime.getURL('/');
  return { id: fakeBrowser.runtime.id, url: `${base}${page}`, origin: base.replace(/\/$/, '') };
}

/** The sender the browser gives a content script's message from a page at `url`. */
export function contentScriptSender(url: string): { url: string; origin: string; id: string; tab: { id: number }; frameId: number } {
  return { id: fakeBrowser.runtime.id, url, origin: new URL(url).origin, tab: { id: 41 }, frameId: 0 };
}

/**
 * A replacement module for '@/lib/messaging': sendMessage calls the handler registered
 * with onMessage, as sent from one of the extension's pages; sendMessageFrom names another sender.
 */
export function inProcessMessaging() {
  const handlers = new Map<string, (message: { type: string; data: unknown; sender: unknown }) => unknown>();
  const sendMessageFrom = async (sender: object, type: string, data?: unknown) => {
    const handler = handlers.get(type);
    if (!handler) throw new Error(`No handler for ${type}`);
    return handler({ type, data, id: 0, timestamp: Date.now(), sender } as never);
  };
  return {
    handlers,
    onMessage: (type: string, handler: (message: { type: string; data: unknown; sender: unknown }) => unknown) => {
      handlers.set(type, handler);
      return () => {
        if (handlers.get(type) === handler) handlers.delete(type);
      };
    },
    sendMessage: (type: string, data?: unknown) => sendMessageFrom(extensionPageSender(), type, data),
    sendMessageFrom,
  };
}
