import { afterEach, describe, expect, it, vi } from 'vitest';
import { watchDockInset } from '../../../lib/content/watch-dock-inset';

class FakeResizeObserver {
  static all: FakeResizeObserver[] = [];
  targets: Element[] = [];
  constructor(readonly callback: () => void) {
    FakeResizeObserver.all.push(this);
  }
  observe(target: Element) {
    this.targets.push(target);
  }
  disconnect() {}
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  FakeResizeObserver.all = [];
  document.body.replaceChildren();
});

describe('watchDockInset', () => {
  it("measures NetBox's content area where the ResizeObserver reports it, never at once (a read lays out a page still parsed)", () => {
    vi.stubGlobal('ResizeObserver', FakeResizeObserver);
    const wrapper = document.createElement('div');
    wrapper.className = 'page-wrapper';
    document.body.append(wrapper);
    const rect = vi.spyOn(wrapper, 'getBoundingClientRect').mockReturnValue({ left: 250.4 } as DOMRect);
    const abort = new AbortController();
    const inset = watchDockInset(abort.signal);
    expect(rect).not.toHaveBeenCalled();
    expect(inset.value).toBe(0);
    const observer = FakeResizeObserver.all.find((o) => o.targets.includes(wrapper))!;
    observer.callback();
    expect(inset.value).toBe(250);
    abort.abort();
  });

  it('measures at once where there is no ResizeObserver', () => {
    vi.stubGlobal('ResizeObserver', undefined);
    const wrapper = document.createElement('div');
    wrapper.className = 'page-wrapper';
    document.body.append(wrapper);
    vi.spyOn(wrapper, 'getBoundingClientRect').mockReturnValue({ left: 64 } as DOMRect);
    expect(watchDockInset(new AbortController().signal).value).toBe(64);
  });
});
