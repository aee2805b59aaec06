// The floor under section 2's "apply a poll": what any list showing 100,000 entries must do
// with an answer of 200 new ones, with no framework and no checks: parse the JSON, put the
// new entries in front of those held (one array copy), and replace the rows in view with
// the newest, in the panel's markup, as plain DOM (./drag-scroll.ts's floor list, in place
// of the panel's list). Timed from the answer's text in hand to the DOM updated, as the
// panel's figure is timed to its render done.
import { ROW_HEIGHT } from '../../../components/LogList';
import type { LogEntry } from '../../../lib/core/log-types';
import type { WireLogEntry } from '../../simulator/types';
import { floorList, floorRow, type FloorRow } from './drag-scroll';
import { afterNextPaint, frames, now } from './measure';
import type { Mounted } from './panel-harness';

const entryOf = (w: WireLogEntry): LogEntry => ({
  id: Number(w.id),
  timestamp: w.timestamp,
  level: w.level,
  module: w.module,
  message: w.message,
  operationId: w.operation_id,
  operation: w.operation,
  phase: w.phase,
  resourceType: w.resource_type,
  resourceId: w.resource_id === null ? null : String(w.resource_id),
  traceback: w.expandable?.traceback ?? null,
});

/** `runs` times, the answer `bodyText` applied as plain JS and DOM: ms each. */
export async function pollFloor(mounted: Mounted, bodyText: string, runs: number): Promise<number[]> {
  const held = mounted.vm.rows.peek().map((row) => (row.kind === 'entry' ? row.entry : null));
  const panelScroll = mounted.shadow.querySelector<HTMLElement>('.pbl-scroll')!;
  let shown: FloorRow[] = [];
  const floor = floorList(panelScroll, panelScroll.scrollHeight, ROW_HEIGHT, (i) => shown[i]!, held.length + 200);
  const out: number[] = [];
  try {
    floor.scroller.scrollTop = 0;
    const inView = Math.floor(floor.viewport / ROW_HEIGHT) + 1;
    for (let i = 0; i < runs; i++) {
      await frames(2);
      const t0 = now();
      const fresh = (JSON.parse(bodyText) as { logs: WireLogEntry[] }).logs.map(entryOf);
      const all = (fresh as (LogEntry | null)[]).concat(held);
      shown = [];
      for (let k = 0; k < inView; k++) shown.push(floorRow(all[k]!, 'local'));
      floor.render(0);
      out.push(now() - t0);
      await afterNextPaint();
    }
  } finally {
    floor.remove();
  }
  return out;
}
