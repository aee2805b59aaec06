// The content script's isolated world in a page, reached over CDP: Playwright evaluates in
// the page's main world and in a utility world of its own, never in an extension's. There,
// code sees what the content script sees: chrome.runtime (its messages go to the worker as
// the content script's), and the panel's closed shadow root through chrome.dom. This stands
// in for a compromised NetBox renderer, which can run code in that world too.
import type { CDPSession, Page } from 'playwright-core';

interface ExecutionContext {
  id: number;
  origin: string;
  name: string;
  auxData?: { type?: string; frameId?: string };
}

export interface IsolatedWorld {
  /** Evaluates an expression in the extension's world of the page's top frame (promises awaited, result by value). */
  evaluate<T>(expression: string): Promise<T>;
  /** Whether the extension has a world in the page's top frame now. */
  present(): boolean;
  detach(): Promise<void>;
}

/** Watches the page's execution contexts (set up before the page loads what is to be watched). */
export async function watchExtensionWorld(page: Page, extensionId: string): Promise<IsolatedWorld> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const contexts = new Map<number, ExecutionContext>();
  cdp.on('Runtime.executionContextCreated', ({ context }: { context: ExecutionContext }) => void contexts.set(context.id, context));
  cdp.on('Runtime.executionContextDestroyed', ({ executionContextId }: { executionContextId: number }) => void contexts.delete(executionContextId));
  cdp.on('Runtime.executionContextsCleared', () => contexts.clear());
  await cdp.send('Runtime.enable');
  const topFrame = ((await cdp.send('Page.getFrameTree')) as { frameTree: { frame: { id: string } } }).frameTree.frame.id;
  const world = (): ExecutionContext | undefined =>
    [...contexts.values()]
      .filter((c) => c.origin === `chrome-extension://${extensionId}` && c.auxData?.type === 'isolated' && c.auxData.frameId === topFrame)
      .at(-1);
  return {
    present: () => world() !== undefined,
    async evaluate<T>(expression: string): Promise<T> {
      const context = world();
      if (!context) throw new Error("the extension has no isolated world in this page (yet)");
      const answer = (await cdp.send('Runtime.evaluate', { contextId: context.id, expression, awaitPromise: true, returnByValue: true })) as {
        result: { value?: unknown };
        exceptionDetails?: { text: string; exception?: { description?: string } };
      };
      if (answer.exceptionDetails) throw new Error(answer.exceptionDetails.exception?.description ?? answer.exceptionDetails.text);
      return answer.result.value as T;
    },
    detach: () => cdp.detach(),
  };
}
