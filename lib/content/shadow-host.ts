import { shadowRootMode } from './e2e-shadow-roots';

export interface ShadowHost {
  /** Not yet attached to the page. */
  host: HTMLElement;
  /** Closed: only this reference reaches it, and it stays in the extension's isolated world. */
  shadow: ShadowRoot;
  /** Where the content goes, after the <style>. */
  container: HTMLElement;
}

/**
 * A new host element with a closed shadow root holding `css` as a <style> and an empty
 * container: the page's CSS cannot reach in, ours cannot leak out, and the page's scripts
 * get null from `host.shadowRoot` (they would otherwise read the backend's logs,
 * tracebacks included, from the panel's text). Plain DOM, so the small content script's
 * launcher (./lazy-panel.ts) and the Preact panel (./mount-in-shadow-root.ts) are built
 * the same way.
 */
export function createShadowHost(id: string, css: string): ShadowHost {
  const host = document.createElement('div');
  host.id = id;
  const shadow = host.attachShadow({ mode: shadowRootMode() });
  const style = document.createElement('style');
  style.textContent = css;
  const container = document.createElement('div');
  shadow.append(style, container);
  return { host, shadow, container };
}
