import type { Locator } from 'playwright-core';

// Where visible elements are drawn, for checks that nothing is cut at a narrow width and
// nothing is drawn over anything else (the side panel at Chrome's real widths).

export interface Box {
  what: string;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** Boxes of the visible elements matching `selector` under `root` (in its shadow root too). */
export function boxes(root: Locator, selector: string): Promise<Box[]> {
  return root.evaluate((el, sel) => {
    return [...el.querySelectorAll<HTMLElement>(sel)]
      .filter((e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden')
      .map((e) => {
        const r = e.getBoundingClientRect();
        const name = e.getAttribute('aria-label') ?? e.textContent?.trim().slice(0, 24) ?? '';
        return { what: `${e.tagName.toLowerCase()}.${e.className} "${name}"`, left: r.left, right: r.right, top: r.top, bottom: r.bottom };
      });
  }, selector);
}

export function overlaps(list: Box[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < list.length; i++) {
    for (let j = i + 1; j < list.length; j++) {
      const a = list[i]!;
      const b = list[j]!;
      const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (x > 0.5 && y > 0.5) out.push(`${a.what} overlaps ${b.what}`);
    }
  }
  return out;
}

export function outside(list: Box[], width: number): string[] {
  return list.filter((b) => b.left < -0.5 || b.right > width + 0.5).map((b) => `${b.what} spans ${b.left}-${b.right} of ${width}`);
}
