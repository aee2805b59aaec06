// Section 0's scrollbar drag (issue 23): 50 jumps from the first of 5,000 rows to the
// last, every row new in each frame, in the panel, in its floor (the same rows as plain DOM
// in the panel's list, tests/bench/page/drag-scroll.ts) and in the Proxbox page stand-in.
// A warm-up drag, then ROUNDS drags, the panel's alternating with its floor's so that
// load on the machine falls on both alike; the figures pool the rounds' frames.
import type { DragResult } from '../page/drag-scroll';
import { figure, type Figure } from '../report';
import { againstFloor } from './floor-figure';

export const DRAG_JUMPS = 50;
const ROUNDS = 3;
const SLOW_MS = 25;

type DragCall = {
  (name: 'drag', jumps: number): Promise<DragResult>;
  (name: 'dragFloor', logsUrl: string, rowHeight: number, jumps: number): Promise<DragResult>;
};

export interface DragRounds {
  rounds: DragResult[];
  /** The panel only: its floor's rounds. */
  floor?: DragResult[];
}

/** The subject's drags; with `floorOf`, the panel's floor alternating with them. */
export async function measureDrag(call: DragCall, floorOf?: { logsUrl: string; rowHeight: number }): Promise<DragRounds> {
  const floorDrag = () => call('dragFloor', floorOf!.logsUrl, floorOf!.rowHeight, DRAG_JUMPS);
  await call('drag', DRAG_JUMPS);
  if (floorOf) await floorDrag();
  const out: DragRounds = { rounds: [], floor: floorOf ? [] : undefined };
  for (let i = 0; i < ROUNDS; i++) {
    out.rounds.push(await call('drag', DRAG_JUMPS));
    if (floorOf) out.floor!.push(await floorDrag());
  }
  return out;
}

function pooled(rounds: DragResult[]) {
  const work = rounds.flatMap((r) => r.work).sort((a, b) => a - b);
  const at = (p: number) => work[Math.min(work.length - 1, Math.ceil((p / 100) * work.length) - 1)]!;
  return {
    frames: work.length,
    p50: at(50),
    p95: at(95),
    slow: work.filter((ms) => ms > SLOW_MS).length,
    perRound: rounds.map((r) => r.slowFrames).join('/'),
    rows: rounds[0]!.rowsP50,
    bottom: rounds.every((r) => r.reachedBottom),
  };
}

export function dragFigures(section: string, loaded: number, page: DragRounds, panel: DragRounds): Figure[] {
  const b = pooled(page.rounds);
  const p = pooled(panel.rounds);
  const f = pooled(panel.floor!);
  const what = `scrollbar drag: ${DRAG_JUMPS} jumps through ${loaded.toLocaleString('en-US')} rows (every row new each frame)`;
  const frames = `${ROUNDS} rounds, ${p.frames} frames`;
  return [
    againstFloor(
      section,
      `${what}: frame p95, set -> painted (${frames})`,
      p.p95,
      f.p95,
      `p50 panel ${p.p50.toFixed(1)} / floor ${f.p50.toFixed(1)} ms; rows in the DOM per frame: panel ${p.rows}, floor ${f.rows}; bottom reached: panel ${p.bottom}, floor ${f.bottom}`,
    ),
    figure({
      section,
      name: `the drag's floor: the panel's rows in view, its markup built as plain DOM with no framework, all replaced each frame, in its list: frame p95`,
      value: f.p95,
      unit: 'ms',
      note: `texts prepared before the frames: a frame holds DOM work, style, layout and paint alone`,
    }),
    figure({
      section,
      name: `drag: frames over ${SLOW_MS} ms (of ${p.frames})`,
      value: p.slow,
      unit: 'frames',
      baseline: { name: 'the floor', value: f.slow, unit: 'frames' },
      note: `per round: panel ${p.perRound}, floor ${f.perRound}, Proxbox page ${b.perRound} (of ${DRAG_JUMPS})`,
    }),
    figure({
      section,
      name: `${what}: frame p95 vs the Proxbox page`,
      value: p.p95,
      unit: 'ms',
      target: { op: '<', value: b.p95 },
      baseline: { name: 'Proxbox page', value: b.p95, unit: 'ms' },
      ratio: b.p95 / p.p95,
      ratioLabel: 'better',
      note: `page: p50 ${b.p50.toFixed(1)} ms, ${b.slow} of ${b.frames} frames over ${SLOW_MS} ms (every row in its DOM: the frames are paint and raster of new parts of its table)`,
    }),
  ];
}
