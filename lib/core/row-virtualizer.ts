// The log list's virtualizer: rows of one fixed height, except the few that are measured
// (expanded rows, whose height is their content's). Positions are arithmetic — row i
// starts at i * rowHeight plus what the measured rows above it add — so nothing here is
// proportional to the number of rows: a poll that puts 200 rows on top of 100,000, or a
// search that narrows them, costs the same as with 100 rows. (A general virtualizer such
// as @tanstack/virtual-core keeps a position per row and rebuilds them all whenever the
// rows change: about 2 ms per change at 100,000 rows, docs/performance.md.)

export type RowKey = string | number;

export interface RowVirtualizerOptions {
  count: number;
  getScrollElement: () => HTMLElement | null;
  /** Height of a row that is not measured, px. */
  rowHeight: number;
  /** A row's identity; a measured height belongs to its key. */
  getItemKey: (index: number) => RowKey;
  /** Indexes of the rows that are measured (given measureElement), ascending. */
  measuredIndexes: readonly number[];
  /** Rows rendered beyond each edge of the view. */
  overscan: number;
  /**
   * With it, a jump (a scroll of more rows than the overscan: a scrollbar drag, End)
   * renders the rows in view alone; the rows beyond its edges follow this long (ms) after
   * the last jump. Without it, every render has them.
   */
  settleMs?: number;
  /** Size assumed while the scroll box has none (not laid out yet, hidden, or no layout engine). */
  initialRect: { width: number; height: number };
  /** Called when what should be rendered changed (scrolled, resized, a row measured). */
  onChange: () => void;
}

export interface VirtualRow {
  index: number;
  key: RowKey;
  /** Offset from the top of the list, px. */
  start: number;
  size: number;
  end: number;
}

interface Layout {
  /** Measured rows in index order, with the extra height each adds and the sum up to it. */
  special: { index: number; extra: number; before: number }[];
  totalExtra: number;
}

export class RowVirtualizer {
  options: RowVirtualizerOptions;
  private sizes = new Map<RowKey, number>();
  private scrollTop = 0;
  private viewport: number;
  private layout: Layout | null = null;
  private rangeKey = '';
  /** The overscan of the rows last rendered: a scroll or resize compares its range with theirs. */
  private renderedOverscan: number | null = null;
  private scrollElement: HTMLElement | null = null;
  private cleanups: (() => void)[] = [];
  private resizeObserver: ResizeObserver | null = null;
  private observed = new Map<Element, RowKey>();
  /** Since a jump, until scrolling pauses: no rows beyond the view's edges. */
  private jumping = false;
  private settleTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: RowVirtualizerOptions) {
    this.options = options;
    this.viewport = options.initialRect.height;
  }

  setOptions(options: RowVirtualizerOptions): void {
    const before = this.options;
    this.options = options;
    if (
      before.count !== options.count ||
      before.measuredIndexes !== options.measuredIndexes ||
      before.getItemKey !== options.getItemKey ||
      before.rowHeight !== options.rowHeight
    ) {
      this.layout = null;
    }
  }

  /** Starts following the scroll box (call once mounted); returns what stops it. */
  mount(): () => void {
    const el = this.options.getScrollElement();
    this.scrollElement = el;
    if (!el) return () => undefined;
    const onScroll = () => {
      const before = this.scrollTop;
      this.scrollTop = el.scrollTop;
      this.followJumps(before);
      this.changedIfRangeMoved();
    };
    el.addEventListener('scroll', onScroll, { passive: true });
    this.cleanups.push(() => el.removeEventListener('scroll', onScroll));
    this.scrollTop = el.scrollTop;
    const readHeight = () => {
      const height = el.clientHeight;
      this.viewport = height > 0 ? height : this.options.initialRect.height;
      this.changedIfRangeMoved();
    };
    if (typeof ResizeObserver === 'function') {
      const sizeObserver = new ResizeObserver(readHeight);
      sizeObserver.observe(el);
      this.cleanups.push(() => sizeObserver.disconnect());
      this.resizeObserver = new ResizeObserver((entries) => {
        for (const entry of entries) this.measure(entry.target as HTMLElement);
      });
      this.cleanups.push(() => this.resizeObserver?.disconnect());
    }
    readHeight();
    return () => {
      clearTimeout(this.settleTimer);
      for (const cleanup of this.cleanups.splice(0)) cleanup();
      this.resizeObserver = null;
      this.observed.clear();
      this.scrollElement = null;
    };
  }

  /**
   * A jump's frame renders the rows in view alone: the rows beyond its edges would be
   * replaced at the next jump before anyone sees them, and they are most of the frame's
   * work (the overscan is 24 rows, the view 10-20). Small scrolls in between render the
   * rows entering the view and leave the pause where it was, so the overscan comes at most
   * settleMs after the last jump, in a task of its own rather than in a scroll's frame.
   */
  private followJumps(before: number): void {
    const { settleMs, overscan } = this.options;
    if (settleMs === undefined || overscan === 0 || before === this.scrollTop) return;
    if (Math.abs(this.indexAt(this.scrollTop) - this.indexAt(before)) <= overscan) return;
    this.jumping = true;
    clearTimeout(this.settleTimer);
    this.settleTimer = setTimeout(() => {
      this.jumping = false;
      this.changedIfRangeMoved();
    }, settleMs);
  }

  private getLayout(): Layout {
    if (this.layout) return this.layout;
    const { rowHeight, measuredIndexes, getItemKey, count } = this.options;
    const special: Layout['special'] = [];
    let totalExtra = 0;
    for (const index of measuredIndexes) {
      if (index < 0 || index >= count) continue;
      const size = this.sizes.get(getItemKey(index));
      const extra = size === undefined ? 0 : size - rowHeight;
      special.push({ index, extra, before: totalExtra });
      totalExtra += extra;
    }
    this.layout = { special, totalExtra };
    return this.layout;
  }

  /** Extra height of the measured rows above `index`. */
  private extraBefore(index: number): number {
    const { special } = this.getLayout();
    // The last special row with a smaller index (binary search).
    let lo = 0;
    let hi = special.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (special[mid]!.index < index) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found < 0 ? 0 : special[found]!.before + special[found]!.extra;
  }

  private sizeOf(index: number): number {
    const { rowHeight, getItemKey, measuredIndexes } = this.options;
    if (measuredIndexes.length === 0) return rowHeight;
    return this.sizes.get(getItemKey(index)) ?? rowHeight;
  }

  start(index: number): number {
    return index * this.options.rowHeight + this.extraBefore(index);
  }

  /** The row at this offset from the top (clamped to the rows). */
  indexAt(offset: number): number {
    const { count, rowHeight } = this.options;
    if (count === 0) return 0;
    const { special } = this.getLayout();
    // Walk back from the estimate without the measured rows' extra height: each special
    // row above pushes the rest down by its extra.
    let lo = 0;
    let hi = count - 1;
    // Binary search on start(i) <= offset; start is increasing.
    if (special.length === 0) return Math.max(0, Math.min(count - 1, Math.floor(offset / rowHeight)));
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.start(mid) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  getTotalSize(): number {
    return this.options.count * this.options.rowHeight + this.getLayout().totalExtra;
  }

  /** Since a jump, until scrolling paused (settleMs): the rows beyond the view's edges wait. */
  get isJumping(): boolean {
    return this.jumping;
  }

  private range(wanted: number): [number, number] {
    const { count } = this.options;
    const overscan = this.jumping ? 0 : wanted;
    if (count === 0) return [0, -1];
    const first = this.indexAt(this.scrollTop);
    const last = this.indexAt(this.scrollTop + this.viewport);
    return [Math.max(0, first - overscan), Math.min(count - 1, last + overscan)];
  }

  private changedIfRangeMoved(): void {
    const [from, to] = this.range(this.renderedOverscan ?? this.options.overscan);
    const key = `${from}:${to}`;
    if (key === this.rangeKey) return;
    this.rangeKey = key;
    this.options.onChange();
  }

  /** The rows to render: those in view and `overscan` beyond each edge (default: the option's). */
  getVirtualItems(overscan = this.options.overscan): VirtualRow[] {
    const [from, to] = this.range(overscan);
    this.rangeKey = `${from}:${to}`;
    this.renderedOverscan = overscan;
    const out: VirtualRow[] = [];
    let start = from <= to ? this.start(from) : 0;
    for (let index = from; index <= to; index++) {
      const size = this.sizeOf(index);
      out.push({ index, key: this.options.getItemKey(index), start, size, end: start + size });
      start += size;
    }
    return out;
  }

  /** Ref callback for a row whose height is its content's (data-index on the element). */
  measureElement = (element: HTMLElement | null): void => {
    // Rows that left the DOM (collapsed, scrolled away) are no longer watched.
    for (const el of this.observed.keys()) {
      if (!el.isConnected) {
        this.resizeObserver?.unobserve(el);
        this.observed.delete(el);
      }
    }
    if (!element) return;
    this.measure(element);
    if (this.resizeObserver && !this.observed.has(element)) {
      this.observed.set(element, this.keyOf(element));
      this.resizeObserver.observe(element);
    }
  };

  private keyOf(element: HTMLElement): RowKey {
    return this.options.getItemKey(Number(element.getAttribute('data-index')));
  }

  private measure(element: HTMLElement): void {
    if (!element.isConnected) {
      this.resizeObserver?.unobserve(element);
      this.observed.delete(element);
      return;
    }
    const index = Number(element.getAttribute('data-index'));
    if (!Number.isInteger(index) || index < 0 || index >= this.options.count) return;
    const key = this.options.getItemKey(index);
    const size = element.offsetHeight;
    if (!(size > 0) || this.sizes.get(key) === size) return;
    this.sizes.set(key, size);
    // Keep only the sizes of rows still measured.
    if (this.sizes.size > 64) {
      const keep = new Set(this.options.measuredIndexes.map((i) => this.options.getItemKey(i)));
      for (const k of this.sizes.keys()) if (!keep.has(k)) this.sizes.delete(k);
    }
    this.layout = null;
    this.rangeKey = '';
    this.options.onChange();
  }

  scrollToOffset(offset: number): void {
    this.scrollElement?.scrollTo({ top: offset });
  }

  /** Scrolls the least needed to show the row ('auto'), or to put it at the top ('start'). */
  scrollToIndex(index: number, { align = 'auto' }: { align?: 'auto' | 'start' } = {}): void {
    const i = Math.max(0, Math.min(this.options.count - 1, index));
    const start = this.start(i);
    const end = start + this.sizeOf(i);
    if (align === 'start' || start < this.scrollTop) this.scrollToOffset(start);
    else if (end > this.scrollTop + this.viewport) this.scrollToOffset(end - this.viewport);
  }
}
