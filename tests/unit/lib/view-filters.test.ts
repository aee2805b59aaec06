// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { createViewFilters, normalizeFilters, sameQuery } from '../../../lib/core/view-filters';

describe('view filters', () => {
  it('start from the initial ones, normalised', () => {
    const f = createViewFilters({ operationId: '  abc  ', errorsOnly: true }, () => undefined);
    expect(f.filters.value).toEqual({ level: null, errorsOnly: true, operationId: 'abc', from: null, to: null });
    expect(normalizeFilters({})).toEqual({ level: null, errorsOnly: false, operationId: '', from: null, to: null });
  });

  it('reload only when the backend is asked something else', () => {
    const reload = vi.fn();
    const f = createViewFilters(undefined, reload);
    f.set({ operationId: ' ' }); // the same, once trimmed
    expect(reload).not.toHaveBeenCalled();
    f.set({ level: 'WARNING' });
    expect(reload).toHaveBeenCalledTimes(1);
    f.set({ errorsOnly: true });
    expect(reload).toHaveBeenCalledTimes(2);
    // Under "errors only" the level is moot: kept as chosen, no reload.
    f.set({ level: 'ERROR' });
    expect(f.filters.value).toEqual({ level: 'ERROR', errorsOnly: true, operationId: '', from: null, to: null });
    expect(reload).toHaveBeenCalledTimes(2);
    // Off again, the chosen level comes back (and is asked).
    f.set({ errorsOnly: false });
    expect(f.filters.value.level).toBe('ERROR');
    expect(reload).toHaveBeenCalledTimes(3);
    f.clear();
    expect(f.filters.value).toEqual(normalizeFilters({}));
    expect(reload).toHaveBeenCalledTimes(4);
  });

  it('sameQuery compares what is asked, not what is chosen', () => {
    const errors = normalizeFilters({ errorsOnly: true });
    expect(sameQuery(errors, { ...errors, level: 'INFO' })).toBe(true);
    expect(sameQuery(normalizeFilters({}), normalizeFilters({ level: 'INFO' }))).toBe(false);
    expect(sameQuery(normalizeFilters({ operationId: 'a' }), normalizeFilters({ operationId: 'b' }))).toBe(false);
    expect(sameQuery(normalizeFilters({ from: 1000 }), normalizeFilters({ from: 2000 }))).toBe(false);
  });


  it('setTimeRange sets From and To together, keeps the rest, and reloads only when they change', () => {
    const reload = vi.fn();
    const f = createViewFilters({ level: 'INFO' }, reload);
    f.setTimeRange({ from: 1_000.9, to: null });
    expect(f.filters.value).toEqual({ level: 'INFO', errorsOnly: false, operationId: '', from: 1_000, to: null });
    expect(reload).toHaveBeenCalledTimes(1);
    f.setTimeRange({ from: 1_000, to: null });
    expect(reload).toHaveBeenCalledTimes(1);
    f.setTimeRange({ from: 1_000, to: 5_000 });
    expect(reload).toHaveBeenCalledTimes(2);
    // Nothing that is not an instant becomes a query.
    f.setTimeRange({ from: Number.NaN, to: Number.POSITIVE_INFINITY });
    expect(f.filters.value).toMatchObject({ from: null, to: null, level: 'INFO' });
    expect(reload).toHaveBeenCalledTimes(3);
    expect(sameQuery(normalizeFilters({ from: 1 }), normalizeFilters({ from: 2 }))).toBe(false);
  });
});
