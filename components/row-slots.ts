/**
 * Preact keys for the rows a virtual list renders, so that a render replacing every row
 * reuses their elements instead of removing them and building new ones. That is a jump
 * (a scrollbar drag's frame), a poll bringing a screenful of entries on top, a new search:
 * the rows of the last render all leave and as many enter. The entering rows then take the
 * leaving rows' keys in the order they were rendered, so Preact updates each element's
 * texts and attributes in place and moves none: what differs from building the row anew
 * is creating its elements, and removing the old ones, which is most of a row's cost in
 * script and style (docs/performance.md, "scrollbar drag").
 *
 * When some rows stay (a wheel step, a few new entries), the entering rows get new keys and
 * the leaving ones go, as with one key per row: reusing an element there would mean moving
 * it from one end of the list to the other, which costs as much as a new one.
 *
 * An element that must stay with its row is never given to another: `reusable` says which
 * of the leaving rows may give theirs (not one holding focus, not an expanded one).
 */
export class RowSlots<Row extends { key: string }> {
  private slotOf = new Map<string, number>();
  private previous: readonly Row[] = [];
  private next = 0;

  /** Whether the last render had this row. */
  has(key: string | undefined): boolean {
    return key !== undefined && this.slotOf.has(key);
  }

  /** The key of each row, in order. */
  keys(rows: readonly Row[], reusable: (leaving: Row) => boolean): number[] {
    const before = this.slotOf;
    const replaced = before.size > 0 && rows.every((row) => !before.has(row.key));
    const free = replaced ? this.previous.filter(reusable).map((row) => before.get(row.key)!) : [];
    const slotOf = new Map<string, number>();
    const out = rows.map((row, i) => {
      const slot = before.get(row.key) ?? free[i] ?? this.next++;
      slotOf.set(row.key, slot);
      return slot;
    });
    this.slotOf = slotOf;
    this.previous = rows;
    return out;
  }
}
