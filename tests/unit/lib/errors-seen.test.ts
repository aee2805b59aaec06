// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createErrorsSeen } from '../../../lib/core/errors-seen';

function setup() {
  const reported: number[] = [];
  const world = { newest: null as number | null, onScreen: true };
  const seen = createErrorsSeen({ newestErrorId: () => world.newest, onScreen: () => world.onScreen, onErrorsSeen: (id) => reported.push(id) });
  return { reported, world, seen };
}

describe('errors seen', () => {
  it('reports the newest error once, and only a newer one after it', () => {
    const { reported, world, seen } = setup();
    seen.report(); // no error yet
    world.newest = 4;
    seen.report();
    seen.report();
    world.newest = 9;
    seen.report();
    expect(reported).toEqual([4, 9]);
  });

  it('waits while the newest entries are not on screen', () => {
    const { reported, world, seen } = setup();
    world.newest = 4;
    world.onScreen = false;
    seen.report();
    expect(reported).toEqual([]);
    world.onScreen = true;
    seen.report();
    expect(reported).toEqual([4]);
  });

  it('starts over after a restart (ids start again at 1)', () => {
    const { reported, world, seen } = setup();
    world.newest = 40;
    seen.report();
    world.newest = 3;
    seen.report();
    expect(reported).toEqual([40]);
    seen.restarted();
    seen.report();
    expect(reported).toEqual([40, 3]);
  });

  it('does nothing without a listener', () => {
    const seen = createErrorsSeen({ newestErrorId: () => 1, onScreen: () => true });
    expect(() => seen.report()).not.toThrow();
  });
});
