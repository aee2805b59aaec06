import { useEffect, useRef } from 'preact/hooks';

export interface Shortcuts {
  /** `/` */
  focusSearch: () => void;
  /** `r` */
  refresh: () => void;
  /** `Esc`: closes the open details, or else the panel. */
  escape: () => void;
}

/** Whether keys typed here belong to a text field rather than to the shortcuts. */
export function isTextField(el: EventTarget | null | undefined): boolean {
  if (!(el instanceof Element)) return false;
  if (el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return true;
  if (el instanceof HTMLInputElement) {
    return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file', 'image'].includes(el.type);
  }
  return el instanceof HTMLElement && el.isContentEditable;
}

/**
 * `/` focuses Search, `r` refreshes (both only outside text fields), `Esc` closes details
 * and then the panel. Listens on `target` (the panel, so the host page keeps its own keys;
 * the whole document in the side panel). Handlers are read at key time, never stale.
 */
export function useKeyboardShortcuts(getTarget: () => EventTarget | null, shortcuts: Shortcuts): void {
  const latest = useRef(shortcuts);
  latest.current = shortcuts;
  useEffect(() => {
    const target = getTarget();
    if (!target) return;
    const onKeyDown = (event: Event) => {
      const e = event as KeyboardEvent;
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return;
      // The real target, also from inside a shadow root.
      const origin = e.composedPath()[0] ?? e.target;
      if (e.key === 'Escape') {
        // A text field with text in it uses Esc itself (a search box clears).
        if (isTextField(origin) && (origin as HTMLInputElement).value) return;
        latest.current.escape();
        return;
      }
      if (isTextField(origin)) return;
      if (e.key === '/') {
        e.preventDefault();
        latest.current.focusSearch();
      } else if (e.key === 'r' || e.key === 'R') {
        if (e.shiftKey) return;
        e.preventDefault();
        latest.current.refresh();
      }
    };
    target.addEventListener('keydown', onKeyDown);
    return () => target.removeEventListener('keydown', onKeyDown);
  }, []);
}
