// The "Backend Logs" launcher's looks, drawn twice: as plain DOM by the small content script
// before the panel's code is loaded (lib/content/lazy-panel.ts), and by Preact in the panel
// (./Launcher.tsx), which takes its place. One description, so the two cannot drift.

export const LAUNCHER_LABEL = 'Backend Logs';

/** The dock the launcher opens (its aria-controls). */
export const DOCK_ID = 'pbl-dock';

export function launcherTitle(open: boolean): string {
  return open ? 'Hide backend logs' : 'Show backend logs';
}

export function launcherClass(open: boolean): string {
  return `pbl-launcher${open ? ' pbl-launcher--open' : ''}`;
}

/** The icon: three lines of a log (an <svg> with one <path>). */
export const LAUNCHER_ICON = {
  svg: { class: 'pbl-launcher-icon', viewBox: '0 0 24 24', 'aria-hidden': 'true', focusable: 'false' },
  path: { d: 'M4 6h16M4 12h10M4 18h13', fill: 'none', stroke: 'currentColor', 'stroke-width': '2', 'stroke-linecap': 'round' },
} as const;
