export interface ShadowHost {
  /** Not yet attached to the page. */
  host: HTMLElement;
  shadow: ShadowRoot;
  /** Where the content goes, after the <style>. */
  container: HTMLElement;
}

/**
 * A new host element with an open shadow root holding `css` as a <style> and an empty
 * container: the page's CSS cannot reach in, ours cannot leak out. Plain DOM, so the small
 * content script's launcher (./lazy-panel.ts) and the Preact panel (./mount-in-shadow-root.ts)
 * are built the same way.
 */
export function createShadowHost(id: string, css: string): ShadowHost {
  const host = document.createElement('div');
  host.id = id;
  const shadow = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = css;
  const container = document.createElement('div');
  shadow.append(style, container);
  return { host, shadow, container };
}
