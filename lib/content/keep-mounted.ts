/**
 * Keeps `host` in the page: NetBox swaps parts of its pages with HTMX, and a swap of
 * <body> (or of what holds the host) removes it. Re-attaching the same element keeps its
 * shadow root and state, so there is still one panel, never two. Stops when `abort`
 * fires, or when `stillOwner()` says another copy of the script took over.
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
}
