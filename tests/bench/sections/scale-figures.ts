// Section 2's scroll from top to bottom (a scrollbar drag through 100,000 rows) and its
// poll of 200 new entries, each beside its floor measured in the same run: the scroll's,
// the same rows as plain DOM replaced each frame (tests/bench/page/drag-scroll.ts); the
// poll's, the answer parsed, put in front of what is held and its rows in view replaced as
// plain DOM (tests/bench/page/poll-floor.ts). The targets (a 60 Hz frame, 5 ms) are
// absolute; the floors say what this machine costs at least for the same result.
import type { DragResult } from '../page/drag-scroll';
import type { PollResult } from '../page/bench-page';
import type { ScrollResult } from '../page/scale-drag';
import { figure, median, type Figure } from '../report';
import { againstFloor } from './floor-figure';

const SECTION = '2 scale';

export function scaleScrollFigures(scroll: ScrollResult, floor: DragResult): Figure[] {
  const frames = `${scroll.jumps} frames, all rows new each frame`;
  return [
    figure({
      section: SECTION,
      name: `scroll top to bottom: frame time p95 (${frames})`,
      value: scroll.frameP95,
      unit: 'ms',
      target: { op: '<=', value: 16.7 },
      baseline: { name: 'the floor (same rows, plain DOM)', value: floor.frameP95, unit: 'ms' },
      ratio: scroll.frameP95 / floor.frameP95,
      ratioLabel: 'the floor',
      note: `p50 ${scroll.frameP50.toFixed(2)} ms, max ${scroll.frameMax.toFixed(2)} ms; ${scroll.slowFrames} frames over 25 ms; frame intervals p50 ${scroll.intervalP50.toFixed(1)} / p95 ${scroll.intervalP95.toFixed(1)} ms; rows in the DOM per frame ${scroll.rowsP50}; bottom reached: ${scroll.reachedBottom}`,
    }),
    againstFloor(SECTION, 'scroll top to bottom: frame time p95 against the floor measured in the same run', scroll.frameP95, floor.frameP95),
    figure({
      section: SECTION,
      name: `the scroll's floor: the rows in view at each position, the panel's markup as plain DOM, all replaced each frame: frame time p95`,
      value: floor.frameP95,
      unit: 'ms',
      note: `p50 ${floor.frameP50.toFixed(2)} ms; ${floor.slowFrames} of ${floor.jumps} frames over 25 ms; rows per frame ${floor.rowsP50}; ${floor.frameP95 > 16.7 ? 'above 16.7 ms: no list showing these rows meets the 16.7 ms target on this machine' : 'within 16.7 ms'}`,
    }),
    figure({
      section: SECTION,
      name: 'scroll: frame intervals p95 (requestAnimationFrame)',
      value: scroll.intervalP95,
      unit: 'ms',
      note: `${scroll.longIntervals} of ${scroll.jumps - 1} intervals over 25 ms`,
    }),
  ];
}

export function scalePollFigures(applied: PollResult[], floorMs: number[]): Figure[] {
  const apply = median(applied.map((p) => p.applyMs));
  const floor = median(floorMs);
  return [
    figure({
      section: SECTION,
      name: `apply a poll of 200 new entries: answer -> rendered, median of ${applied.length}`,
      value: apply,
      unit: 'ms',
      target: { op: '<=', value: 5 },
      baseline: { name: 'the floor (plain JS and DOM)', value: floor, unit: 'ms' },
      ratio: apply / floor,
      ratioLabel: 'the floor',
      note: `max ${Math.max(...applied.map((p) => p.applyMs)).toFixed(2)} ms; of which reading + parsing the answer: median ${median(applied.map((p) => p.parseMs)).toFixed(2)} ms; to painted: median ${median(applied.map((p) => p.paintedMs)).toFixed(1)} ms; new entries per poll: ${applied.map((p) => p.newEntries).join(',')}`,
    }),
    figure({
      section: SECTION,
      name: `the poll's floor: the answer's JSON parsed, its 200 entries put in front of the 100,000 held, the rows in view replaced as plain DOM (no checks, no framework), median of ${floorMs.length}`,
      value: floor,
      unit: 'ms',
      note: `runs: ${floorMs.map((ms) => ms.toFixed(2)).join(', ')} ms`,
    }),
    figure({
      section: SECTION,
      name: 'apply a poll: answer -> painted (includes waiting for the frame)',
      value: median(applied.map((p) => p.paintedMs)),
      unit: 'ms',
    }),
  ];
}
