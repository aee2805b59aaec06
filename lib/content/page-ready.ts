// The content script runs at document_start (lib/browser/content-registration.ts), while
// NetBox's page is still arriving, so that a panel left open starts its first page and its
// code with the page rather than after it. What it waits for before touching the page:

/** Resolves once the page is parsed (DOMContentLoaded), at once if it was. */
export function whenParsed(doc: Document = document): Promise<void> {
  if (doc.readyState !== 'loading') return Promise.resolve();
  return new Promise((resolve) => doc.addEventListener('DOMContentLoaded', () => resolve(), { once: true }));
}

/** Resolves once <body> exists (the parser reached it), at once if it does. */
export function whenBodyExists(doc: Document = document): Promise<HTMLElement> {
  if (doc.body) return Promise.resolve(doc.body);
  return new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (!doc.body) return;
      observer.disconnect();
      resolve(doc.body);
    });
    observer.observe(doc.documentElement, { childList: true });
    // A page with no <body> at all gets one from the parser by its end.
    void whenParsed(doc).then(() => {
      observer.disconnect();
      resolve(doc.body ?? doc.documentElement);
    });
  });
}

/**
 * A NetBox page: its <html> carries data-netbox-version (NetBox's base template). The
 * attribute comes with the <html> element, which exists at document_start; where a
 * browser runs the script before it, the page is asked again once parsed.
 */
export async function isNetBoxPage(doc: Document = document): Promise<boolean> {
  const marked = () => doc.documentElement?.hasAttribute('data-netbox-version') === true;
  if (marked() || doc.readyState !== 'loading') return marked();
  await whenParsed(doc);
  return marked();
}
