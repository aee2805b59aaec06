import { useEffect, useReducer, useState } from 'preact/hooks';
import { RowVirtualizer, type RowVirtualizerOptions } from '../lib/core/row-virtualizer';

/** The log list's virtualizer (lib/core/row-virtualizer.ts) for Preact: re-renders when the rendered rows change. */
export function useVirtualizer(options: Omit<RowVirtualizerOptions, 'onChange'>): RowVirtualizer {
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const resolved: RowVirtualizerOptions = { ...options, onChange: () => rerender(0) };
  const [instance] = useState(() => new RowVirtualizer(resolved));
  instance.setOptions(resolved);
  useEffect(() => instance.mount(), []);
  return instance;
}
