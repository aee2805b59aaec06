import { describe, expect, it, vi } from 'vitest';
import { RowVirtualizer, type RowVirtualizerOptions } from '../../../components/row-virtualizer';

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

  it('with keep, renders nothing new while the view stays inside the rendered rows, then rows ahead', () => {
    // 300 px = 10 rows in view; a first render adds 2 below, a scroll 8 ahead, moved once
    // fewer than 2 are left.
    const { v, el, onChange } = make({ overscan: 8, keep: 2 });
    expect(v.getVirtualItems().map((r) => r.index)).toEqual(Array.from({ length: 13 }, (_, i) => i));
    onChange.mockClear();
    scroll(el, 30);
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(v.getVirtualItems().map((r) => r.index)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    onChange.mockClear();
    for (let top = 60; top <= 7 * H; top += 30) scroll(el, top); // the view ends at row 17: 2 left
    expect(onChange).not.toHaveBeenCalled();
    scroll(el, 8 * H);
    expect(onChange).toHaveBeenCalledTimes(1);
    // Scrolling down: 2 rows kept above, 8 ahead below.
    expect(v.getVirtualItems().map((r) => r.index)).toEqual(Array.from({ length: 21 }, (_, i) => 6 + i));
    // Back up past the kept rows: now the rows ahead are above (here: down to the first).
    scroll(el, 3 * H);
    expect(v.getVirtualItems().map((r) => r.index)).toEqual(Array.from({ length: 16 }, (_, i) => i));
  });

  it('with keep, a jump far away renders the rows around the new place at once', () => {
    const { v, el } = make({ overscan: 8, keep: 2 });
    v.getVirtualItems();
    scroll(el, 50_000 * H);
    const items = v.getVirtualItems().map((r) => r.index);
    expect(items[0]).toBe(50_000 - 2);
    expect(items.at(-1)).toBe(50_000 + 10 + 8);
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
