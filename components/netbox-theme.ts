export type Theme = 'light' | 'dark';

/**
 * NetBox's colour mode (data-bs-theme on <html>): `onChange` hears each change until
 * `abort`; returns the mode now. Plain DOM, for the small content script's launcher and
 * the panel (./watch-theme.ts) alike.
 */
export function followNetBoxTheme(onChange: (theme: Theme) => void, abort: AbortSignal): Theme {
  const html = document.documentElement;
  const read = (): Theme => (html.getAttribute('data-bs-theme') === 'dark' ? 'dark' : 'light');
  const observer = new MutationObserver(() => onChange(read()));
  observer.observe(html, { attributes: true, attributeFilter: ['data-bs-theme'] });
  abort.addEventListener('abort', () => observer.disconnect(), { once: true });
  return read();
}
