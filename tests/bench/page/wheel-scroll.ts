// A wheel-sized scroll, the same for the Proxbox page (the document scrolls) and the panel
// (its list box scrolls): `px` per frame for `steps` frames. In each frame's animation
// callback the position moves and the scroll event is dispatched at once, so what the page
// does for that scroll (the panel's virtualizer renders in a microtask of the handler)
// falls inside the frame it shows up in; the frame's work is timed from that callback to
// the end of the frame's style, layout and paint. Rows entering the DOM are counted per
// frame with a MutationObserver on the element holding the rows.
import { percentile, settled, timedFrame } from './measure';

export interface WheelScrollResult {
  steps: number;
  px: number;
  /** Per frame: scroll set -> frame painted, ms. */
  workP50: number;
  workP95: number;
  workMax: number;
  /** Frame-to-frame intervals (requestAnimationFrame timestamps), ms. */
  intervalP50: number;
  intervalP95: number;
  /** Rows added to the DOM per frame: median and most. */
  rowsAddedP50: number;
  rowsAddedMax: number;
  /** How far it scrolled, px (less than steps x px when the end was reached). */
  scrolled: number;
}

export async function wheelScroll(opts: {
  scroller: HTMLElement;
  /** Where scroll events go (window for the document). */
  eventTarget: EventTarget;
  rowsParent: Element;
  isRow: (node: Node) => boolean;
  px?: number;
  steps?: number;
  /** Called once each frame is painted (e.g. to read render counters). */
  afterFrame?: () => void;
}): Promise<WheelScrollResult> {
  const px = opts.px ?? 120;
  const steps = opts.steps ?? 200;
  const { scroller } = opts;
  const startTop = scroller.scrollTop;
  await settled();
  let added = 0;
  const observer = new MutationObserver((records) => {
    for (const r of records) for (const n of r.addedNodes) if (opts.isRow(n)) added++;
  });
  observer.observe(opts.rowsParent, { childList: true });
  const work: number[] = [];
  const stamps: number[] = [];
  const rowsAdded: number[] = [];
  for (let i = 1; i <= steps; i++) {
    const frame = await timedFrame(() => {
      scroller.scrollTop = startTop + i * px;
      opts.eventTarget.dispatchEvent(new Event('scroll'));
    });
    stamps.push(frame.stamp);
    work.push(frame.work);
    observer.takeRecords().forEach((r) => r.addedNodes.forEach((n) => opts.isRow(n) && added++));
    rowsAdded.push(added);
    added = 0;
    opts.afterFrame?.();
  }
  observer.disconnect();
  const intervals = stamps.slice(1).map((t, i) => t - stamps[i]!);
  return {
    steps,
    px,
    workP50: percentile(work, 50),
    workP95: percentile(work, 95),
    workMax: Math.max(...work),
    intervalP50: percentile(intervals, 50),
    intervalP95: percentile(intervals, 95),
    rowsAddedP50: percentile(rowsAdded, 50),
    rowsAddedMax: Math.max(...rowsAdded),
    scrolled: scroller.scrollTop - startTop,
  };
}
