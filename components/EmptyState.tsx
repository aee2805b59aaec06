export type EmptyKind = 'loading' | 'empty' | 'filtered' | 'search';

/** What the list area says instead of rows: never a blank panel. */
export function EmptyState({ kind, search, searching = false, onClearFilters }: { kind: EmptyKind; search: string; searching?: boolean; onClearFilters: () => void }) {
  if (kind === 'loading') {
    return (
      <div class="pbl-empty" role="status" aria-busy="true">
        <div class="pbl-skeleton" aria-hidden="true">
          {[0, 1, 2, 3, 4].map((i) => (
            <div key={i} class="pbl-skeleton-line" />
          ))}
        </div>
        <span>Loading logs…</span>
      </div>
    );
  }
  return (
    <div class="pbl-empty" role="status">
      {kind === 'empty' && <span>No log entries yet. The backend has not written any logs.</span>}
      {kind === 'filtered' && (
        <>
          <span>No entries match these filters.</span>
          <button type="button" class="pbl-btn pbl-btn--sm" onClick={onClearFilters}>
            Clear filters
          </button>
        </>
      )}
      {kind === 'search' && (searching ? <span>No match for “{search}” yet: searching older entries…</span> : <span>No entry matches “{search}”.</span>)}
    </div>
  );
}
