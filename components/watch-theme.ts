import { signal, type ReadonlySignal } from '@preact/signals';

export type Theme = 'light' | 'dark';

/** NetBox's colour mode (data-bs-theme on <html>), followed as it changes, until `abort`. */
export function watchNetBoxTheme(abort: AbortSignal): ReadonlySignal<Theme> {
  const html = document.documentElement;
  const read = (): Theme => (html.getAttribute('data-bs-theme') === 'dark' ? 'dark' : 'light');
  const theme = signal(read());
  const observer = new MutationObserver(() => (theme.value = read()));
  observer.observe(html, { attributes: true, attributeFilter: ['data-bs-theme'] });
  abort.addEventListener('abort', () => observer.disconnect(), { once: true });
  return theme;
}

/** The browser's colour scheme (for the side panel, which has no NetBox page around it). */
export function watchSystemTheme(abort: AbortSignal): ReadonlySignal<Theme> {
  const query = matchMedia('(prefers-color-scheme: dark)');
  const theme = signal<Theme>(query.matches ? 'dark' : 'light');
  query.addEventListener('change', (e) => (theme.value = e.matches ? 'dark' : 'light'), { signal: abort });
  return theme;
}
