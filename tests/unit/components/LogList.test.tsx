import { options, render, type VNode } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { LogList, ROW_HEIGHT, type LogListHandle } from '../../../components/LogList';
import { EntryRow } from '../../../components/LogRow';
import type { LogRow } from '../../../lib/core/logs-view-model';
import { entryRow, makeEntry, manyEntries } from './fake-view-model';
import { renderUi, settle } from './render';

function listUi(rows: readonly LogRow[], extra: Partial<Parameters<typeof LogList>[0]> = {}) {
  return (
    <LogList
      rows={rows}
      query=""
      expanded={new Set()}
      onToggle={vi.fn()}
      onFilterOperation={vi.fn()}
      onCopyEntry={vi.fn()}
      onCopyOperationId={vi.fn()}
      onAtTopChange={vi.fn()}
      initialRect={{ width: 1000, height: 600 }}
      {...extra}
    />
  );
}

function list(rows: readonly LogRow[], extra: Partial<Parameters<typeof LogList>[0]> = {}) {
  return renderUi(listUi(rows, extra));
}

const bodyRows = (root: HTMLElement) => root.querySelectorAll('.pbl-scroll [role="row"]');

async function scrollTo(root: HTMLElement, top: number) {
  const scroller = root.querySelector<HTMLElement>('.pbl-scroll')!;
  Object.defineProperty(scroller, 'scrollTop', { configurable: true, value: top });
  scroller.dispatchEvent(new Event('scroll'));
  await settle();
}

/** Rendered outside act(): effects wait for the next frame, as in a browser. */
async function outsideAct(run: (show: (rows: readonly LogRow[]) => void, indexes: () => number[], container: HTMLElement) => Promise<void>) {
  const container = document.createElement('div');
  document.body.append(container);
  try {
    await run(
      (rs) => render(listUi(rs), container),
      () => [...bodyRows(container)].map((r) => Number(r.getAttribute('data-index'))),
      container,
    );
  } finally {
    render(null, container);
    container.remove();
  }
}

describe('LogList (virtual)', () => {
  const rows = manyEntries(100_000).map(entryRow);

  it('renders 100,000 rows with a bounded number of DOM rows', async () => {
    const root = await list(rows);
    const rendered = bodyRows(root);
    // 600 px / 30 px = 20 visible, plus overscan on each side.
    expect(rendered.length).toBeGreaterThanOrEqual(20);
    expect(rendered.length).toBeLessThan(60);
    const sizer = root.querySelector<HTMLElement>('.pbl-sizer')!;
    expect(sizer.style.height).toBe(`${100_000 * ROW_HEIGHT}px`);
    expect(root.querySelector('[role="treegrid"]')!.getAttribute('aria-rowcount')).toBe('100001');
    expect(rendered[0]!.getAttribute('aria-rowindex')).toBe('2');
  });

  it('draws the rows in view first, and the rows beyond its edges once that is painted', async () => {
    await outsideAct(async (show, indexes) => {
      show(rows);
      // 600 px / 30 px: rows 0-19 in view, and row 20 where the view ends.
      expect(indexes()).toEqual([...Array(21).keys()]);
      // Then 12 more below (none above the first row), once the frame is painted.
      await vi.waitFor(() => expect(indexes()).toEqual([...Array(33).keys()]));
    });
  });

  it('renders the window around the scroll position', async () => {
    const root = await list(rows);
    await scrollTo(root, 50_000 * ROW_HEIGHT);
    const indexes = [...bodyRows(root)].map((r) => Number(r.getAttribute('data-index')));
    expect(indexes.length).toBeLessThan(60);
    expect(Math.min(...indexes)).toBeGreaterThan(49_950);
    expect(Math.max(...indexes)).toBeLessThan(50_050);
    expect(indexes).toContain(50_000);
    const first = root.querySelector<HTMLElement>('[data-index="50000"]')!;
    expect(first.style.transform).toBe(`translateY(${50_000 * ROW_HEIGHT}px)`);
  });

  it("renders the view's rows alone in a scrollbar drag's jump, and the rows beyond its edges once it paused", async () => {
    const root = await list(rows);
    const indexes = () => [...bodyRows(root)].map((r) => Number(r.getAttribute('data-index')));
    await vi.waitFor(() => expect(indexes()).toHaveLength(33)); // the first screen's overscan came
    await scrollTo(root, 50_000 * ROW_HEIGHT);
    // 600 px / 30 px: rows 50,000-50,019 in view and row 50,020 where the view ends.
    expect(indexes()).toEqual(Array.from({ length: 21 }, (_, i) => 50_000 + i));
    expect(root.querySelector('[data-index="50000"]')!.getAttribute('aria-rowindex')).toBe('50002');
    await vi.waitFor(() => expect(indexes()).toEqual(Array.from({ length: 45 }, (_, i) => 49_988 + i)));
  });

  it("gives the rows' elements to the rows of a jump that replaces them all, but never the one holding focus", async () => {
    const root = await list(rows);
    await vi.waitFor(() => expect(bodyRows(root)).toHaveLength(33));
    const focused = root.querySelector<HTMLElement>('[data-index="3"]')!;
    focused.focus();
    await settle();
    const before = new Set(bodyRows(root));
    await scrollTo(root, 50_000 * ROW_HEIGHT);
    const after = [...bodyRows(root)];
    expect(after).toHaveLength(21);
    after.forEach((row, i) => {
      const entry = (rows[50_000 + i] as Extract<LogRow, { kind: 'entry' }>).entry;
      expect(row.getAttribute('data-index')).toBe(String(50_000 + i));
      expect(row.getAttribute('aria-rowindex')).toBe(String(50_002 + i));
      expect(row.getAttribute('data-entry-id')).toBe(String(entry.id));
      expect(row.textContent).toContain(entry.message);
      expect(before.has(row)).toBe(true);
    });
    expect(focused.isConnected).toBe(false);
  });

  it('keeps the rows beyond the edges waiting for the page to be idle, whatever renders in between', async () => {
    const idle: Array<() => void> = [];
    vi.stubGlobal('requestIdleCallback', (task: () => void) => idle.push(task));
    vi.stubGlobal('cancelIdleCallback', () => undefined);
    try {
      await outsideAct(async (show, indexes) => {
        show(rows);
        await vi.waitFor(() => expect(idle).toHaveLength(1)); // asked for once the next frame is out
        show([...rows]); // another render of the same rows
        await new Promise((r) => setTimeout(r, 50));
        expect(indexes()).toEqual([...Array(21).keys()]);
        idle.splice(0).forEach((task) => task());
        await vi.waitFor(() => expect(indexes()).toHaveLength(33));
      });
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('draws the view alone when a poll brings a screenful of new rows on top, and the rows below it once that is painted', async () => {
    await outsideAct(async (show, indexes, container) => {
      show(rows);
      await vi.waitFor(() => expect(indexes()).toEqual([...Array(33).keys()]));
      show([...Array.from({ length: 200 }, (_, i) => entryRow(makeEntry({ id: 500_000 - i }))), ...rows]);
      expect(indexes()).toEqual([...Array(21).keys()]);
      expect(bodyRows(container)[0]!.getAttribute('data-entry-id')).toBe('500000');
      await vi.waitFor(() => expect(indexes()).toEqual([...Array(33).keys()]));
    });
  });

  it('renders only the rows entering the view when scrolled by a wheel step', async () => {
    const root = await list(rows);
    await scrollTo(root, 1000 * ROW_HEIGHT);
    // The rows beyond the view's edges come after the first frame (LogList's firstDrawn):
    // wait for the last one below (rows 1000-1020 in view, 12 more), so the scroll below
    // measures only the rows it brings.
    await vi.waitFor(() => expect(root.querySelector('[data-index="1032"]')).not.toBeNull());
    const rendered: number[] = [];
    const previous = options.diffed;
    options.diffed = (vnode: VNode) => {
      if (vnode.type === EntryRow) rendered.push((vnode as VNode<{ index: number }>).props.index);
      previous?.(vnode);
    };
    try {
      await scrollTo(root, 1000 * ROW_HEIGHT + 120); // 4 rows further down
    } finally {
      options.diffed = previous;
    }
    const inDom = [...bodyRows(root)].map((r) => Number(r.getAttribute('data-index')));
    expect(inDom.length).toBeGreaterThan(20);
    // The 4 rows that entered at the bottom, and at most the one that became tabbable.
    const entered = rendered.filter((i) => i > 1000 + 20);
    expect(entered.sort((a, b) => a - b)).toEqual([...inDom].sort((a, b) => a - b).slice(-4));
    expect(rendered.length).toBeLessThanOrEqual(5);
  });

  it('still moves focus to the last row with End after rows were appended below', async () => {
    const ui = (rs: readonly LogRow[]) => listUi(rs, { initialRect: { width: 1000, height: 3000 } });
    // A view tall enough for every row, so the last one is rendered where focus goes.
    const first = manyEntries(50).map(entryRow);
    const root = await renderUi(ui(first));
    // "Load more": older rows below; the rows on screen keep their index and position.
    const older = Array.from({ length: 30 }, (_, i) => entryRow(makeEntry({ id: 10_000 + i })));
    await act(() => render(ui([...first, ...older]), root));
    const top = root.querySelector<HTMLElement>('[data-index="0"]')!;
    top.focus();
    await act(() => void top.dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true })));
    await settle();
    expect(document.activeElement?.getAttribute('data-index')).toBe('79');
  });

  it('reports whether the newest entries (the top) are in view', async () => {
    const onAtTopChange = vi.fn();
    const root = await list(rows, { onAtTopChange });
    expect(onAtTopChange.mock.calls).toEqual([[true]]);
    await scrollTo(root, 5);
    expect(onAtTopChange.mock.calls).toEqual([[true]]);
    await scrollTo(root, 300);
    expect(onAtTopChange.mock.calls).toEqual([[true], [false]]);
    await scrollTo(root, 0);
    expect(onAtTopChange.mock.calls).toEqual([[true], [false], [true]]);
  });

  it('scrolls to the top on request', async () => {
    const handle: { current: LogListHandle | null } = { current: null };
    const root = await list(rows, { handle });
    const scroller = root.querySelector<HTMLElement>('.pbl-scroll')!;
    const scrollToSpy = vi.fn();
    scroller.scrollTo = scrollToSpy as typeof scroller.scrollTo;
    await scrollTo(root, 9000);
    handle.current!.scrollToTop();
    expect(scrollToSpy).toHaveBeenCalledWith(expect.objectContaining({ top: 0 }));
  });

  it('shows gap markers as full-width rows', async () => {
    const gapRows: LogRow[] = [
      rows[0]!,
      { kind: 'gap', key: 'g1', reason: 'evicted', missing: 40 },
      { kind: 'gap', key: 'g2', reason: 'restart', missing: null },
      rows[1]!,
    ];
    const root = await list(gapRows);
    const gaps = root.querySelectorAll('.pbl-row--gap');
    expect(gaps).toHaveLength(2);
    expect(gaps[0]!.textContent).toContain('Up to 40 entries are missing here');
    expect(gaps[1]!.textContent).toContain('The backend restarted here');
    expect(gaps[0]!.querySelector('[role="gridcell"]')!.getAttribute('aria-colspan')).toBe(String(root.querySelectorAll('[role="columnheader"]').length));
  });

  it('measures expanded rows (dynamic height); collapsed rows keep the fixed height', async () => {
    const original = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'offsetHeight')!;
    Object.defineProperty(HTMLElement.prototype, 'offsetHeight', {
      configurable: true,
      get(this: HTMLElement) {
        return this.getAttribute('aria-expanded') === 'true' ? 200 : ROW_HEIGHT;
      },
    });
    try {
      const some = rows.slice(0, 100);
      const root = await list(some, { expanded: new Set([some[3]!.key]) });
      await settle();
      const row = root.querySelector<HTMLElement>('[data-index="3"]')!;
      expect(row.getAttribute('aria-expanded')).toBe('true');
      expect(row.querySelector('.pbl-details')).not.toBeNull();
      expect(root.querySelector<HTMLElement>('[data-index="4"]')!.style.transform).toBe(`translateY(${3 * ROW_HEIGHT + 200}px)`);
      expect(root.querySelector<HTMLElement>('.pbl-sizer')!.style.height).toBe(`${99 * ROW_HEIGHT + 200}px`);
    } finally {
      Object.defineProperty(HTMLElement.prototype, 'offsetHeight', original);
    }
  });
});
