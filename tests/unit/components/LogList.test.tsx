import { describe, expect, it, vi } from 'vitest';
import { LogList, ROW_HEIGHT, type LogListHandle } from '../../../components/LogList';
import type { LogRow } from '../../../lib/logs-view-model';
import { entryRow, manyEntries } from './fake-view-model';
import { renderUi, settle } from './render';

function list(rows: readonly LogRow[], extra: Partial<Parameters<typeof LogList>[0]> = {}) {
  return renderUi(
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
    />,
  );
}

const bodyRows = (root: HTMLElement) => root.querySelectorAll('.pbl-scroll [role="row"]');

async function scrollTo(root: HTMLElement, top: number) {
  const scroller = root.querySelector<HTMLElement>('.pbl-scroll')!;
  Object.defineProperty(scroller, 'scrollTop', { configurable: true, value: top });
  scroller.dispatchEvent(new Event('scroll'));
  await settle();
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
