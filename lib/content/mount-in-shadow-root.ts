import { render, type ComponentChild } from 'preact';

export interface ShadowMount {
  host: HTMLElement;
  shadow: ShadowRoot;
}

/**
 * Renders `ui` into an open shadow root on a new host element (not yet attached), with
 * `css` inlined as a <style>: the page's CSS cannot reach in, ours cannot leak out.
 * Everything is torn down (Preact unmounted, host removed) when `abort` fires.
 */
export function mountInShadowRoot(id: string, css: string, ui: ComponentChild, abort: AbortSignal): ShadowMount {
  const host = document.createElement('div');
  host.id = id;
  const shadow = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = css;
  const container = document.createElement('div');
  shadow.append(style, container);
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
