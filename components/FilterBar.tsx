import type { RefObject } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { TimeZoneChoice } from '../lib/core/format-time';
import { LEVELS, type Level } from '../lib/core/log-types';
import type { LogsViewModel } from '../lib/core/logs-view-model';
import { hasActiveFilters } from './format';
import { TimeRangeFields } from './TimeRangeFields';

/** Typing pauses this long before the operation id is applied (Enter / blur apply at once). */
export const OPERATION_ID_DEBOUNCE_MS = 600;

export interface FilterBarProps {
  vm: LogsViewModel;
  searchRef: RefObject<HTMLInputElement | null>;
  /** The zone From and To are typed and shown in (the list's). */
  timeZone: TimeZoneChoice;
}

/** Search (loaded entries), then the server-side filters: level, errors only, operation, From/To. */
export function FilterBar({ vm, searchRef, timeZone }: FilterBarProps) {
  const filters = vm.filters.value;
  const [draft, setDraft] = useState(filters.operationId);
  // "Clear filters" also drops what was typed into From/To and not applied.
  const [cleared, setCleared] = useState(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  // Follow changes made elsewhere (a click on an operation id, "Clear filters").
  useEffect(() => {
    clearTimeout(timer.current);
    setDraft(filters.operationId);
  }, [filters.operationId]);
  useEffect(() => () => clearTimeout(timer.current), []);

  const applyOperationId = (text: string) => {
    clearTimeout(timer.current);
    const id = text.trim();
    if (id !== vm.filters.peek().operationId) vm.setFilters({ operationId: id });
  };

  return (
    <div class="pbl-filters" role="group" aria-label="Filters">
      <input
        ref={searchRef}
        type="text"
        enterkeyhint="search"
        class="pbl-input pbl-input--search"
        aria-label="Search"
        placeholder="Search all entries  ( / )"
        spellcheck={false}
        autocomplete="off"
        value={vm.search.value}
        onInput={(e) => vm.setSearch(e.currentTarget.value)}
        onKeyDown={(e) => {
          // Esc empties the search first (then, pressed again, closes details / the panel).
          if (e.key === 'Escape' && e.currentTarget.value) {
            e.stopPropagation();
            vm.setSearch('');
          }
        }}
      />
      <label class="pbl-label">
        <span>Level</span>
        <select
          class="pbl-select"
          disabled={filters.errorsOnly}
          title={filters.errorsOnly ? 'Errors only shows every error level' : undefined}
          value={filters.level ?? ''}
          onChange={(e) => vm.setFilters({ level: (e.currentTarget.value || null) as Level | null })}
        >
          <option value="">All levels</option>
          {LEVELS.map((level) => (
            <option key={level} value={level}>
              {level}
            </option>
          ))}
        </select>
      </label>
      <label class="pbl-switch">
        <input
          type="checkbox"
          role="switch"
          checked={filters.errorsOnly}
          onChange={(e) => vm.setFilters({ errorsOnly: e.currentTarget.checked })}
        />
        <span>Errors only</span>
      </label>
      <input
        type="text"
        class="pbl-input pbl-input--op"
        aria-label="Operation ID"
        placeholder="Operation ID"
        spellcheck={false}
        autocomplete="off"
        value={draft}
        onInput={(e) => {
          const text = e.currentTarget.value;
          setDraft(text);
          clearTimeout(timer.current);
          timer.current = setTimeout(() => applyOperationId(text), OPERATION_ID_DEBOUNCE_MS);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') applyOperationId(e.currentTarget.value);
        }}
        onBlur={(e) => applyOperationId(e.currentTarget.value)}
      />
      <TimeRangeFields key={cleared} vm={vm} timeZone={timeZone} />
      <button
        type="button"
        class="pbl-btn pbl-btn--sm"
        disabled={!hasActiveFilters(filters)}
        onClick={() => {
          clearTimeout(timer.current);
          setDraft('');
          setCleared((n) => n + 1);
          vm.clearFilters();
        }}
      >
        Clear filters
      </button>
    </div>
  );
}
