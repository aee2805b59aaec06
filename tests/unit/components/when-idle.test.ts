import { afterEach, describe, expect, it, vi } from 'vitest';
import { whenIdle, whenIdleAfterNextFrame } from '../../../components/when-idle';

afterEach(() => vi.restoreAllMocks());

describe('whenIdle', () => {
  it('runs the task once the page is idle, and not once cancelled', async () => {
    const ran: string[] = [];
    const cancel = whenIdle(() => ran.push('cancelled'), 1000);
    cancel();
    whenIdle(() => ran.push('kept'), 1000);
    await vi.waitFor(() => expect(ran).toContain('kept'));
    expect(ran).toEqual(['kept']);
  });

  it('waits for the next frame first', async () => {
    const frames: FrameRequestCallback[] = [];
    vi.spyOn(globalThis, 'requestAnimationFrame').mockImplementation((cb) => frames.push(cb));
    const task = vi.fn();
    whenIdleAfterNextFrame(task, 1000);
    const idle = vi.fn();
    whenIdle(idle, 1000);
    await vi.waitFor(() => expect(idle).toHaveBeenCalled());
    expect(task).not.toHaveBeenCalled(); // idle, but no frame yet
    frames.splice(0).forEach((cb) => cb(0));
    await vi.waitFor(() => expect(task).toHaveBeenCalledTimes(1));
  });

  it('cancelled before the frame, runs nothing', async () => {
    const frames: FrameRequestCallback[] = [];
    vi.spyOn(globalThis, 'requestAnimationFrame').mockImplementation((cb) => frames.push(cb));
    vi.spyOn(globalThis, 'cancelAnimationFrame').mockImplementation((id) => void frames.splice(id - 1, 1));
    const task = vi.fn();
    const cancel = whenIdleAfterNextFrame(task, 1000);
    cancel();
    expect(frames).toEqual([]);
    const after = vi.fn();
    whenIdle(after, 1000);
    await vi.waitFor(() => expect(after).toHaveBeenCalled());
    expect(task).not.toHaveBeenCalled();
  });
});
