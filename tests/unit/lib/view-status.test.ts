// @vitest-environment node
import { effect } from '@preact/signals';
import { describe, expect, it } from 'vitest';
import type { Failure } from '../../../lib/core/failure';
import { createViewStatus } from '../../../lib/core/view-status';

const down: Failure = { kind: 'backend-down' };

describe('view status', () => {
  it('goes idle, loading, ready; an older page only moves the last success', () => {
    const s = createViewStatus();
    expect([s.state.value, s.lastSuccessAt.value, s.failed]).toEqual([{ phase: 'idle' }, null, false]);
    s.loading();
    expect(s.state.value).toEqual({ phase: 'loading' });
    s.answered(100, true);
    expect([s.state.value, s.lastSuccessAt.value]).toEqual([{ phase: 'ready' }, 100]);
    s.failedWith(down, 900);
    s.answered(200, false);
    expect(s.state.value).toMatchObject({ phase: 'failed' });
    expect(s.lastSuccessAt.value).toBe(200);
  });

  it('a failure keeps when it last worked and says when it retries', () => {
    const s = createViewStatus();
    s.answered(100, true);
    s.failedWith(down, 5100);
    expect(s.state.value).toEqual({ phase: 'failed', failure: down, lastSuccessAt: 100, nextRetryAt: 5100 });
    expect(s.failed).toBe(true);
    s.retryAt(null);
    expect(s.state.value).toMatchObject({ phase: 'failed', nextRetryAt: null });
    s.reset(true);
    expect(s.state.value).toEqual({ phase: 'loading' });
    s.retryAt(7000); // not failed: nothing to say
    expect(s.state.value).toEqual({ phase: 'loading' });
    s.reset(false);
    expect(s.state.value).toEqual({ phase: 'idle' });
  });

  it('an answered poll while ready writes nothing (no re-render)', () => {
    const s = createViewStatus();
    s.answered(100, true);
    let writes = 0;
    const dispose = effect(() => {
      void s.state.value;
      writes++;
    });
    s.answered(200, true);
    s.answered(300, true);
    dispose();
    expect(writes).toBe(1);
  });
});
