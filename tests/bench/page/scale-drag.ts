// Section 2's scroll from top to bottom of 100,000 rows (one position per frame, every row
// new in each: a scrollbar drag, ./drag-scroll.ts) in the real panel, and its floor: the
// same positions with the same rows built as plain DOM in the panel's list.
import { ROW_HEIGHT } from '../../../components/LogList';
import { drag, dragIndexes, floorList, floorRow, type DragResult, type FloorRow } from './drag-scroll';
import { renders, rowCount, type Mounted } from './panel-harness';

export interface ScrollResult extends DragResult {
  maxRowsInDom: number;
  /** Most LogList renders within one frame. */
  maxListRendersPerFrame: number;
}

function scrollBox(mounted: Mounted): HTMLElement {
  const el = mounted.shadow.querySelector<HTMLElement>('.pbl-scroll');
  if (!el) throw new Error('no scroll box');
  return el;
}

/**
 * Scrolls the list from top to bottom in `steps` frames. Each frame: in its animation-frame
 * callback the position is set and the scroll event dispatched (the virtualizer renders in
 * a microtask of that frame), then the frame is styled, laid out and painted.
 */
export async function scrollTopToBottom(mounted: Mounted, steps: number): Promise<ScrollResult> {
  const el = scrollBox(mounted);
  let maxListRenders = 0;
  let lists = renders.list;
  const result = await drag({
    scroller: el,
    jumps: steps,
    onJump: () => el.dispatchEvent(new Event('scroll')),
    rowsNow: () => rowCount(mounted.shadow),
    afterFrame() {
      maxListRenders = Math.max(maxListRenders, renders.list - lists);
      lists = renders.list;
    },
  });
  const last = mounted.vm.rows.peek().length - 1;
  return {
    ...result,
    reachedBottom: result.reachedBottom && mounted.shadow.querySelector(`[data-index="${last}"]`) !== null,
    maxRowsInDom: result.rowsMax,
    maxListRendersPerFrame: maxListRenders,
  };
}

/** The floor of scrollTopToBottom: the same rows in view, as plain DOM, replaced each frame. */
export async function scrollFloor(mounted: Mounted, steps: number): Promise<DragResult> {
  const rows = mounted.vm.rows.peek();
  const panelScroll = scrollBox(mounted);
  const sizerHeight = mounted.shadow.querySelector<HTMLElement>('.pbl-sizer')!.offsetHeight;
  const prepared = new Map<number, FloorRow>();
  const floor = floorList(panelScroll, sizerHeight, ROW_HEIGHT, (i) => prepared.get(i)!, rows.length);
  try {
    for (const i of dragIndexes(rows.length, ROW_HEIGHT, floor.viewport, floor.max, steps)) {
      const row = rows[i]!;
      if (row.kind !== 'entry') throw new Error('a gap in the scale list');
      prepared.set(i, floorRow(row.entry, 'local'));
    }
    return await drag({ scroller: floor.scroller, jumps: steps, onJump: (top) => floor.render(top), rowsNow: floor.rowCount });
  } finally {
    floor.remove();
  }
}
