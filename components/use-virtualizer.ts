import { useEffect, useLayoutEffect, useReducer, useState } from 'preact/hooks';
import {
  Virtualizer,
  elementScroll,
  observeElementOffset,
  observeElementRect,
  type VirtualizerOptions,
} from '@tanstack/virtual-core';

type Options = Omit<
  VirtualizerOptions<HTMLDivElement, HTMLDivElement>,
  'observeElementRect' | 'observeElementOffset' | 'scrollToFn'
>;

/**
 * An element's size as the virtualizer sees it; a 0x0 box (not laid out yet, hidden, or
 * a DOM without layout) counts as `initialRect` so a window of rows is still rendered.
 */
const observeRect: VirtualizerOptions<HTMLDivElement, HTMLDivElement>['observeElementRect'] = (instance, cb) =>
  observeElementRect(instance, (rect) => cb(rect.height > 0 ? rect : instance.options.initialRect));

/** @tanstack/virtual-core for Preact: the same three steps as its React adapter. */
export function useVirtualizer(options: Options): Virtualizer<HTMLDivElement, HTMLDivElement> {
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const resolved: VirtualizerOptions<HTMLDivElement, HTMLDivElement> = {
    observeElementRect: observeRect,
    observeElementOffset,
    scrollToFn: elementScroll,
    ...options,
    onChange: (instance, sync) => {
      rerender(0);
      options.onChange?.(instance, sync);
    },
  };
  const [instance] = useState(() => new Virtualizer(resolved));
  instance.setOptions(resolved);
  useEffect(() => instance._didMount(), []);
  useLayoutEffect(() => instance._willUpdate());
  return instance;
}
