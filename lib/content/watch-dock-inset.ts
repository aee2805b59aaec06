import { signal, type ReadonlySignal } from '@preact/signals';
import { whenParsed } from './page-ready';

/**
 * Where NetBox's content area starts (px from the left): the docked panel spans the
 * content, not the vertical sidebar, so the sidebar's menu stays usable. 0 when the
 * sidebar is collapsed or on narrow screens (then NetBox shows it as a top bar). A panel
 * mounted while the page is still parsed looks again once it is.
 */
export function watchDockInset(abort: AbortSignal): ReadonlySignal<number> {
  const measure = () => {
    const wrapper = document.querySelector('.page-wrapper');
    return wrapper ? Math.max(0, Math.round(wrapper.getBoundingClientRect().left)) : 0;
  };
  const inset = signal(measure());
  const update = () => (inset.value = measure());
  window.addEventListener('resize', update, { passive: true, signal: abort });
  // The sidebar collapsing resizes the content area without a window resize.
  const observeWrapper = () => {
    const wrapper = document.querySelector('.page-wrapper');
    if (!wrapper || typeof ResizeObserver !== 'function' || abort.aborted) return false;
    const observer = new ResizeObserver(update);
    observer.observe(wrapper);
    abort.addEventListener('abort', () => observer.disconnect(), { once: true });
    return true;
  };
  if (!observeWrapper()) {
    void whenParsed().then(() => {
      update();
      observeWrapper();
    });
  }
  return inset;
}
