import type { Page } from 'playwright-core';

// Calling an in-page benchmark script (tests/bench/page/*.tsx, built by ./build-page.ts)
// from Node: it is added to a page, publishes its functions on a global, and each call
// runs in the page and comes back as its result.

type Fn = (...args: never[]) => unknown;
export type PageCall<Api> = <K extends keyof Api>(
  name: K,
  ...args: Parameters<Extract<Api[K], Fn>>
) => Promise<Awaited<ReturnType<Extract<Api[K], Fn>>>>;

/** Adds the built script to the page and waits until its global says it is ready. */
export async function addPageScript(page: Page, script: string, global: string): Promise<void> {
  await page.addScriptTag({ path: script });
  await page.waitForFunction((g) => (globalThis as unknown as Record<string, { ready?: boolean } | undefined>)[g]?.ready === true, global);
}

export function pageCaller<Api>(page: Page, global: string): PageCall<Api> {
  return ((name: string, ...args: unknown[]) =>
    page.evaluate(
      ([g, n, a]) => {
        const api = (globalThis as unknown as Record<string, Record<string, (...x: unknown[]) => unknown>>)[g as string]!;
        return api[n as string]!(...(a as unknown[]));
      },
      [global, name, args] as const,
    )) as PageCall<Api>;
}
