import { signal, type ReadonlySignal } from '@preact/signals';
import { EMPTY_FILTERS, type LogFilters } from './log-types';
import { filtersToQuery } from './sync-newer';

// The filters a view asks with (part of lib/core/logs-controller.ts). The user's choices are
// kept as set (a level chosen under "errors only" comes back when it is turned off); only a
// change in what is asked of the backend starts the list again.

export interface ViewFilters {
  readonly filters: ReadonlySignal<LogFilters>;
  /** Changes some filters; calls `reload` when the backend is now asked something else. */
  set(patch: Partial<LogFilters>): void;
  clear(): void;
}

export function normalizeFilters(filters: Partial<LogFilters>): LogFilters {
  return {
    level: filters.level ?? null,
    errorsOnly: filters.errorsOnly === true,
    operationId: (filters.operationId ?? '').trim(),
    since: typeof filters.since === 'number' && Number.isFinite(filters.since) ? Math.floor(filters.since) : null,
  };
}

/** Whether two filter sets ask the backend the same (errors_only makes level moot). */
export function sameQuery(a: LogFilters, b: LogFilters): boolean {
  const qa = filtersToQuery(a);
  const qb = filtersToQuery(b);
  return qa.level === qb.level && qa.errorsOnly === qb.errorsOnly && qa.operationId === qb.operationId && qa.since === qb.since;
}

function sameFilters(a: LogFilters, b: LogFilters): boolean {
  return a.level === b.level && a.errorsOnly === b.errorsOnly && a.operationId === b.operationId && a.since === b.since;
}

export function createViewFilters(initial: Partial<LogFilters> | undefined, reload: () => void): ViewFilters {
  const filters = signal<LogFilters>(normalizeFilters({ ...EMPTY_FILTERS, ...initial }));
  function set(patch: Partial<LogFilters>): void {
    const previous = filters.value;
    const next = normalizeFilters({ ...previous, ...patch });
    if (sameFilters(next, previous)) return;
    filters.value = next;
    if (!sameQuery(next, previous)) reload();
  }
  return { filters, set, clear: () => set(EMPTY_FILTERS) };
}
