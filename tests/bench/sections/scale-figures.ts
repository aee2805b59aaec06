// Section 2's scroll from top to bottom (a scrollbar drag through 100,000 rows) beside its
// floor measured in the same run: the same rows as plain DOM, replaced each frame
// (tests/bench/page/drag-scroll.ts). The 16.7 ms target is a frame at 60 Hz; the floor
// says what this machine's style, layout and paint of those rows cost at least.
import type { DragResult } from '../page/drag-scroll';
import type { ScrollResult } from '../page/scale-drag';
import { figure, type Figure } from '../report';
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
