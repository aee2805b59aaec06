import { describe, expect, it, vi } from 'vitest';
import { RowVirtualizer, type RowVirtualizerOptions } from '../../../lib/core/row-virtualizer';

const H = 30;

function make(overrides: Partial<RowVirtualizerOptions> = {}) {
  const el = document.createElement('div');
  document.body.append(el);
  const onChange = vi.fn();
  const v = new RowVirtualizer({
    count: 100_000,
    getScrollElement: () => el,
    rowHeight: H,
    getItemKey: (i) => `k${i}`,
    measuredIndexes: [],
    overscan: 2,
    initialRect: { width: 800, height: 300 },
    onChange,
    ...overrides,
  });
  const stop = v.mount();
  return { v, el, onChange, stop };
}

function scroll(el: HTMLElement, top: number) {
  Object.defineProperty(el, 'scrollTop', { configurable: true, value: top });
  el.dispatchEvent(new Event('scroll'));
}

describe('RowVirtualizer', () => {
  it('renders the rows in view plus overscan, at fixed positions', () => {
    const { v, el } = make();
    expect(v.getVirtualItems().map((r) => r.index)).toEqual(Array.from({ length: 13 }, (_, i) => i));
    scroll(el, 50_000 * H + 5);
    const items = v.getVirtualItems();
    expect(items[0]).toMatchObject({ index: 49_998, start: 49_998 * H, size: H });
    expect(items.at(-1)!.index).toBe(50_000 + 10 + 2);
    expect(v.getTotalSize()).toBe(100_000 * H);
  });

  it('re-renders only when the rendered range moves', () => {
    const { v, el, onChange } = make();
    v.getVirtualItems(); // rendered once
    onChange.mockClear();
    scroll(el, 10);
    expect(onChange).not.toHaveBeenCalled();
    scroll(el, 10 * H);
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it('places the rows below a measured row after its height', () => {
    const { v, onChange } = make({ count: 100, measuredIndexes: [3] });
    const row = document.createElement('div');
    row.setAttribute('data-index', '3');
    Object.defineProperty(row, 'offsetHeight', { value: 200 });
    document.body.append(row);
    v.measureElement(row);
    expect(onChange).toHaveBeenCalled();
    const items = v.getVirtualItems();
    expect(items.find((r) => r.index === 3)).toMatchObject({ start: 3 * H, size: 200 });
    expect(items.find((r) => r.index === 4)!.start).toBe(3 * H + 200);
    expect(v.getTotalSize()).toBe(99 * H + 200);
    expect(v.indexAt(3 * H + 150)).toBe(3);
    expect(v.indexAt(3 * H + 200)).toBe(4);
  });

  it('scrolls the least to show a row, and to the top', () => {
    const { v, el } = make();
    const scrollTo = vi.fn();
    el.scrollTo = scrollTo as typeof el.scrollTo;
    v.scrollToIndex(50);
    expect(scrollTo).toHaveBeenLastCalledWith({ top: 51 * H - 300 });
    v.scrollToOffset(0);
    expect(scrollTo).toHaveBeenLastCalledWith({ top: 0 });
  });

  it('has nothing to render without rows', () => {
    const { v } = make({ count: 0 });
    expect(v.getVirtualItems()).toEqual([]);
    expect(v.getTotalSize()).toBe(0);
  });
});
