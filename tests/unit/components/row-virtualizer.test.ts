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

  it('renders the rows in view alone after a jump, and the overscan once scrolling paused', () => {
    vi.useFakeTimers();
    try {
      const { v, el, onChange, stop } = make({ settleMs: 150 });
      const indexes = () => v.getVirtualItems().map((r) => r.index);
      v.getVirtualItems();
      scroll(el, 5000 * H); // a scrollbar drag's jump: rows 5000-5010 in view
      expect(indexes()).toEqual(Array.from({ length: 11 }, (_, i) => 5000 + i));
      scroll(el, 5000 * H); // a scroll event that moves nothing keeps it so
      vi.advanceTimersByTime(149);
      expect(indexes()[0]).toBe(5000);
      onChange.mockClear();
      vi.advanceTimersByTime(1);
      expect(onChange).toHaveBeenCalledTimes(1);
      expect(indexes()).toEqual(Array.from({ length: 15 }, (_, i) => 4998 + i));
      // Another jump, then small scrolls: the rows entering the view, and the overscan
      // still settleMs after the jump (a slow scroll does not put it off).
      scroll(el, 9000 * H);
      vi.advanceTimersByTime(100);
      scroll(el, 9000 * H + 40);
      expect(indexes()).toEqual(Array.from({ length: 11 }, (_, i) => 9001 + i));
      vi.advanceTimersByTime(50);
      expect(indexes()).toEqual(Array.from({ length: 15 }, (_, i) => 8999 + i));
      scroll(el, 20 * H); // and a jump's pending settle ends with the virtualizer
      stop();
      onChange.mockClear();
      vi.advanceTimersByTime(1000);
      expect(onChange).not.toHaveBeenCalled();
    } finally {
      vi.useRealTimers();
    }
  });
});
