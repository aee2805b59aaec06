// A frame time set against its floor measured in the same run (tests/bench/page/drag-scroll.ts):
// the same rows as plain DOM with no framework. Ratios within one run hold on a loaded
// machine, where absolute frame times do not.
import { figure, type Figure } from '../report';

/** The floor's multiple a frame time may reach. */
export const FLOOR_FACTOR = 1.5;

export function againstFloor(section: string, name: string, valueMs: number, floorMs: number, note?: string): Figure {
  return figure({
    section,
    name,
    value: valueMs,
    unit: 'ms',
    target: { op: '<=', value: FLOOR_FACTOR * floorMs },
    baseline: { name: 'the floor (same rows, plain DOM)', value: floorMs, unit: 'ms' },
    ratio: valueMs / floorMs,
    ratioLabel: 'the floor',
    note,
  });
}
