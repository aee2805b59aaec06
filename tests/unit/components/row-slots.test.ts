import { describe, expect, it } from 'vitest';
import { RowSlots } from '../../../components/row-slots';

const rows = (...keys: string[]) => keys.map((key) => ({ key }));
const any = () => true;

describe('RowSlots', () => {
  it('keeps a row its key while it stays, and gives entering rows new keys when some rows stay', () => {
    const slots = new RowSlots<{ key: string }>();
    const first = slots.keys(rows('a', 'b', 'c', 'd'), any);
    expect(new Set(first).size).toBe(4);
    // A wheel step: a and b leave at the top, e and f enter at the bottom.
    const next = slots.keys(rows('c', 'd', 'e', 'f'), any);
    expect(next.slice(0, 2)).toEqual(first.slice(2));
    expect(next.slice(2).some((k) => first.includes(k))).toBe(false);
  });

  it("gives the leaving rows' keys, in their order, to the rows of a render that replaces them all", () => {
    const slots = new RowSlots<{ key: string }>();
    const first = slots.keys(rows('a', 'b', 'c'), any);
    expect(slots.keys(rows('x', 'y', 'z'), any)).toEqual(first);
    // More rows than before: the extra ones get new keys; fewer: the rest go.
    const more = slots.keys(rows('p', 'q', 'r', 's'), any);
    expect(more.slice(0, 3)).toEqual(first);
    expect(first).not.toContain(more[3]);
    expect(slots.keys(rows('m'), any)).toEqual([first[0]]);
  });

  it('never gives the key of a row that must keep its element', () => {
    const slots = new RowSlots<{ key: string }>();
    const first = slots.keys(rows('a', 'b', 'c'), any);
    const next = slots.keys(rows('x', 'y', 'z'), (leaving) => leaving.key !== 'a');
    expect(next.slice(0, 2)).toEqual(first.slice(1));
    expect(first).not.toContain(next[2]);
  });
});
