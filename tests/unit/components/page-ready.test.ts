import { describe, expect, it, vi } from 'vitest';
import { keepMounted } from '../../../lib/content/keep-mounted';
import { isNetBoxPage, whenBodyExists, whenParsed } from '../../../lib/content/page-ready';

/** A document as a document_start script meets it: <html> there, no <body> yet, still loading. */
function loadingDocument(htmlAttributes: Record<string, string> = {}) {
  const doc = document.implementation.createHTMLDocument('');
  doc.body.remove();
  for (const [name, value] of Object.entries(htmlAttributes)) doc.documentElement.setAttribute(name, value);
  let state: DocumentReadyState = 'loading';
  Object.defineProperty(doc, 'readyState', { get: () => state });
  const parsed = () => {
    state = 'interactive';
    doc.dispatchEvent(new Event('DOMContentLoaded'));
  };
  return { doc, parsed };
}

const settledYet = async (promise: Promise<unknown>) => {
  let settled = false;
  void promise.then(() => (settled = true));
  await new Promise((r) => setTimeout(r, 0));
  return settled;
};

describe('page-ready (the content script at document_start)', () => {
  it('knows a NetBox page from its <html> at once, without waiting for the page', async () => {
    const { doc } = loadingDocument({ 'data-netbox-version': '4.5.0' });
    expect(await isNetBoxPage(doc)).toBe(true);
  });

  it('asks an unmarked page again once parsed, and says no to a page that is not NetBox', async () => {
    const { doc, parsed } = loadingDocument();
    const answer = isNetBoxPage(doc);
    expect(await settledYet(answer)).toBe(false);
    parsed();
    expect(await answer).toBe(false);
  });

  it('resolves when <body> arrives, before the page is parsed', async () => {
    const { doc } = loadingDocument();
    const body = whenBodyExists(doc);
    expect(await settledYet(body)).toBe(false);
    doc.documentElement.append(doc.createElement('body'));
    expect(await body).toBe(doc.body);
    expect(await settledYet(whenParsed(doc))).toBe(false); // still loading
  });

  it('resolves at once on a parsed page', async () => {
    expect(await whenBodyExists()).toBe(document.body);
    expect(await settledYet(whenParsed())).toBe(true);
  });
});

describe('keepMounted on a page still being parsed', () => {
  it("moves the panel's host to the end of <body> once the page is parsed, so NetBox's content stays above it", () => {
    document.body.innerHTML = '<header>NetBox</header>';
    let state: DocumentReadyState = 'loading';
    const readyState = vi.spyOn(document, 'readyState', 'get').mockImplementation(() => state);
    try {
      const host = document.createElement('div');
      const life = new AbortController();
      keepMounted(host, life.signal, () => true, () => undefined);
      const content = document.createElement('main'); // parsed after the panel was mounted
      document.body.append(content);
      expect(document.body.lastElementChild).toBe(content);
      state = 'interactive';
      document.dispatchEvent(new Event('DOMContentLoaded'));
      expect(document.body.lastElementChild).toBe(host);
      expect(host.previousElementSibling).toBe(content);
      life.abort();
    } finally {
      readyState.mockRestore();
    }
  });
});
