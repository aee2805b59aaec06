import { signal, type ReadonlySignal } from '@preact/signals';
import { followNetBoxTheme, type Theme } from './netbox-theme';

/** NetBox's colour mode (./netbox-theme.ts) as a signal, until `abort`. */
export function watchNetBoxTheme(abort: AbortSignal): ReadonlySignal<Theme> {
  const theme = signal<Theme>('light');
  theme.value = followNetBoxTheme((next) => (theme.value = next), abort);
  return theme;
}

/** The browser's colour scheme (for the side panel, which has no NetBox page around it). */
export function watchSystemTheme(abort: AbortSignal): ReadonlySignal<Theme> {
  const query = matchMedia('(prefers-color-scheme: dark)');
  const theme = signal<Theme>(query.matches ? 'dark' : 'light');
  query.addEventListener('change', (e) => (theme.value = e.matches ? 'dark' : 'light'), { signal: abort });
  return theme;
}
