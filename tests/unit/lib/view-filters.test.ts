// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { createViewFilters, normalizeFilters, sameQuery } from '../../../lib/core/view-filters';

describe('view filters', () => {
  it('start from the initial ones, normalised', () => {
    const f = createViewFilters({ operationId: '  abc  ', errorsOnly: true }, () => undefined);
    expect(f.filters.value).toEqual({ level: null, errorsOnly: true, operationId: 'abc', since: null });
    expect(normalizeFilters({})).toEqual({ level: null, errorsOnly: false, operationId: '', since: null });
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
    expect(f.filters.value).toEqual({ level: 'ERROR', errorsOnly: true, operationId: '', since: null });
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
    expect(sameQuery(normalizeFilters({ since: 1000 }), normalizeFilters({ since: 2000 }))).toBe(false);
  });

  it('a from time ("Show this run") is asked as `since`: setting, changing and clearing it reload', () => {
    const reload = vi.fn();
    const f = createViewFilters(undefined, reload);
    f.set({ since: 1_765_104_960_123.9 });
    expect(f.filters.value.since).toBe(1_765_104_960_123);
    expect(reload).toHaveBeenCalledTimes(1);
    f.set({ since: 1_765_104_960_123 }); // the same
    expect(reload).toHaveBeenCalledTimes(1);
    f.set({ since: Number.NaN }); // not a time: none
    expect(f.filters.value.since).toBeNull();
    expect(reload).toHaveBeenCalledTimes(2);
    f.set({ since: 5 });
    f.clear();
    expect(f.filters.value.since).toBeNull();
    expect(reload).toHaveBeenCalledTimes(4);
  });
});
