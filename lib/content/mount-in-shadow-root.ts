import { render, type ComponentChild } from 'preact';
import { createShadowHost, type ShadowHost } from './shadow-host';

/**
 * Renders `ui` into a new shadow host (./shadow-host.ts, not yet attached). Everything is
 * torn down (Preact unmounted, host removed) when `abort` fires.
 */
export function mountInShadowRoot(id: string, css: string, ui: ComponentChild, abort: AbortSignal): Omit<ShadowHost, 'container'> {
  const { host, shadow, container } = createShadowHost(id, css);
  render(ui, container);
  abort.addEventListener(
    'abort',
    () => {
      render(null, container);
      host.remove();
    },
    { once: true },
  );
  return { host, shadow };
}
