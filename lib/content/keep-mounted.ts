/**
 * Keeps `host` in the page: NetBox swaps parts of its pages with HTMX, and a swap of
 * <body> (or of what holds the host) removes it. Re-attaching the same element keeps its
 * shadow root and state, so there is still one panel, never two. Stops when `abort`
 * fires, or when `stillOwner()` says another copy of the script took over.
 *
 * Mounted while the page is still being parsed (a panel left open), the host is moved to
 * the end of <body> once it is parsed: the page's own content, parsed after it, would
 * otherwise sit below the panel's spacer.
 */
export function keepMounted(host: Element, abort: AbortSignal, stillOwner: () => boolean, onLost: () => void): void {
  const attach = () => {
    if (host.isConnected || abort.aborted) return;
    if (!stillOwner()) {
      onLost();
      return;
    }
    (document.body ?? document.documentElement).append(host);
  };
  attach();
  const observer = new MutationObserver(attach);
  observer.observe(document.documentElement, { childList: true, subtree: true });
  abort.addEventListener('abort', () => observer.disconnect(), { once: true });
  if (document.readyState === 'loading') {
    const toEnd = () => {
      if (!abort.aborted && host.parentNode === document.body && host.nextSibling) document.body.append(host);
    };
    document.addEventListener('DOMContentLoaded', toEnd, { once: true, signal: abort });
  }
}
