import type { ComponentChildren, TargetedKeyboardEvent, TargetedPointerEvent } from 'preact';
import type { ReadonlySignal } from '@preact/signals';
import { useEffect, useRef, useState } from 'preact/hooks';
import { Launcher } from './Launcher';
import { DOCK_ID } from './launcher-look';
import { ROW_HEIGHT } from './LogList';
import { useSpacerOpen } from './use-spacer-open';
import type { PanelLayout } from '../lib/browser/panel-layout-storage';
import type { Theme } from './netbox-theme';

export const MIN_PANEL_HEIGHT = 160;
/** Room left above the panel at its tallest, px. */
const TOP_GAP = 48;
const KEY_STEP = 32;
/** Until the user resizes it, the panel takes this share of the window's height… */
const DEFAULT_VIEWPORT_SHARE = 0.4;
/** …and at least room for this many rows… */
const DEFAULT_MIN_ROWS = 12;
/** …below its own lines (resize edge, header, filters, column header, footer: 170 px; the
 *  time range's line of the filters and the chart: 100 more), px. */
const PANEL_CHROME_PX = 270;

/** The height the panel opens at before any resize, for a window this tall. */
export function defaultPanelHeight(windowHeight: number): number {
  return Math.max(windowHeight * DEFAULT_VIEWPORT_SHARE, DEFAULT_MIN_ROWS * ROW_HEIGHT + PANEL_CHROME_PX);
}

export interface PanelShellProps {
  initialLayout: PanelLayout;
  onLayoutChange: (layout: PanelLayout) => void;
  theme: ReadonlySignal<Theme>;
  /** Left edge of the dock (NetBox's content area), px. */
  dockLeft: ReadonlySignal<number>;
  /** Each increment opens the panel if it is closed (the popup's "Show logs" on this page). */
  openRequests?: ReadonlySignal<number>;
  /** True once the content shows its first screen: the page's spacer grows after it is drawn (./use-spacer-open.ts). */
  contentShown?: ReadonlySignal<boolean>;
  /** The panel's content, rendered only while open (closed: nothing runs). */
  children: (close: () => void) => ComponentChildren;
}

function clampHeight(h: number, windowHeight: number): number {
  const max = Math.max(MIN_PANEL_HEIGHT, windowHeight - TOP_GAP);
  return Math.round(Math.min(max, Math.max(MIN_PANEL_HEIGHT, h)));
}

/**
 * The space at the end of NetBox's page that lets its last lines scroll out from under the
 * dock. Its own component: when it grows, after the first screen, only it renders again.
 */
function DockSpacer({ open, height, contentShown }: { open: boolean; height: number; contentShown: ReadonlySignal<boolean> | undefined }) {
  const grown = useSpacerOpen(open, contentShown);
  return <div class="pbl-spacer" style={{ height: `${grown ? height : 0}px` }} />;
}

/**
 * The launcher and the panel docked to the bottom of NetBox's content area, resizable
 * by its top edge (mouse, touch or arrow keys). A spacer as tall as the open panel lets
 * the page scroll its last lines out from under the dock.
 */
export function PanelShell({ initialLayout, onLayoutChange, theme, dockLeft, openRequests, contentShown, children }: PanelShellProps) {
  const [open, setOpen] = useState(initialLayout.open);
  // The user's resize (null: none yet), kept as asked; what is drawn is clamped to the window.
  const [userHeight, setUserHeight] = useState(initialLayout.height);
  const [windowHeight, setWindowHeight] = useState(() => window.innerHeight);
  const height = clampHeight(userHeight ?? defaultPanelHeight(windowHeight), windowHeight);
  const resizeTo = (h: number) => {
    const next = clampHeight(h, windowHeight);
    setUserHeight(next);
    return next;
  };
  const launcherRef = useRef<HTMLDivElement>(null);
  const dockRef = useRef<HTMLDivElement>(null);
  const drag = useRef<{ startY: number; startHeight: number } | null>(null);

  const commit = (next: PanelLayout) => onLayoutChange(next);
  const setOpenAndSave = (next: boolean) => {
    setOpen(next);
    commit({ open: next, height: userHeight });
    if (next) requestAnimationFrame(() => dockRef.current?.querySelector<HTMLElement>('[role="region"]')?.focus());
    else requestAnimationFrame(() => launcherRef.current?.querySelector('button')?.focus());
  };
  const close = () => setOpenAndSave(false);

  // Opened from outside (the popup): requests made before this render are not replayed.
  const openRequest = openRequests?.value ?? 0;
  const handledRequest = useRef(openRequest);
  useEffect(() => {
    if (openRequest === handledRequest.current) return;
    handledRequest.current = openRequest;
    if (!open) setOpenAndSave(true);
  }, [openRequest]);

  // A smaller window must not leave the panel taller than the window.
  useEffect(() => {
    const onResize = () => setWindowHeight(window.innerHeight);
    window.addEventListener('resize', onResize, { passive: true });
    return () => window.removeEventListener('resize', onResize);
  }, []);

  const onPointerDown = (e: TargetedPointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { startY: e.clientY, startHeight: height };
  };
  const onPointerMove = (e: TargetedPointerEvent<HTMLDivElement>) => {
    if (!drag.current) return;
    resizeTo(drag.current.startHeight + drag.current.startY - e.clientY);
  };
  const onPointerUp = (e: TargetedPointerEvent<HTMLDivElement>) => {
    if (!drag.current) return;
    const final = resizeTo(drag.current.startHeight + drag.current.startY - e.clientY);
    drag.current = null;
    commit({ open, height: final });
  };
  const onSeparatorKey = (e: TargetedKeyboardEvent<HTMLDivElement>) => {
    const next =
      e.key === 'ArrowUp'
        ? height + KEY_STEP
        : e.key === 'ArrowDown'
          ? height - KEY_STEP
          : e.key === 'Home'
            ? Infinity
            : e.key === 'End'
              ? MIN_PANEL_HEIGHT
              : null;
    if (next === null) return;
    e.preventDefault();
    commit({ open, height: resizeTo(next) });
  };

  return (
    <div class="pbl-root pbl-root--docked" data-theme={theme.value} style={{ '--pbl-dock-height': `${height}px` }}>
      <DockSpacer open={open} height={height} contentShown={contentShown} />
      {open && (
        <div id={DOCK_ID} class="pbl-dock" ref={dockRef} style={{ left: `${dockLeft.value}px`, height: `${height}px` }}>
          <div
            class="pbl-resize"
            role="separator"
            aria-orientation="horizontal"
            aria-label="Resize panel"
            aria-valuemin={MIN_PANEL_HEIGHT}
            aria-valuemax={Math.max(MIN_PANEL_HEIGHT, windowHeight - TOP_GAP)}
            aria-valuenow={height}
            tabIndex={0}
            onPointerDown={onPointerDown}
            onPointerMove={onPointerMove}
            onPointerUp={onPointerUp}
            onPointerCancel={onPointerUp}
            onKeyDown={onSeparatorKey}
          />
          {children(close)}
        </div>
      )}
      <div ref={launcherRef} class="pbl-launcher-wrap">
        <Launcher open={open} controls={DOCK_ID} onToggle={() => setOpenAndSave(!open)} />
      </div>
    </div>
  );
}
