import { useEffect, useId, useRef } from 'preact/hooks';
import { formatLocalTime, shortId } from '@/lib/core/format-time';
import { RANGE_PRESETS } from '@/lib/core/time-range';
import type { PopupStore } from './popup-store';

/** The popup's first job: type (or pick) an operation ID and see its logs. */
export function OperationFilter({ store }: { store: PopupStore }) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    input.current?.focus();
  }, []);
  const error = store.operationError.value;
  const operations = store.operations.value;
  const many = store.instances.value.length > 1;
  const labelOf = (instanceId: string) => store.statuses.value?.find((s) => s.instanceId === instanceId)?.label ?? instanceId;

  function onSubmit(event: Event) {
    event.preventDefault();
    // Synchronously in the submit: the side panel opens only inside the gesture.
    void store.showLogs();
  }

  return (
    <form class="operation" onSubmit={onSubmit} noValidate>
      <label for={`${id}-op`}>Operation ID</label>
      <div class="input-row">
        <input
          ref={input}
          id={`${id}-op`}
          type="text"
          autoFocus
          autoComplete="off"
          spellcheck={false}
          placeholder="0f8e2c1a-5b7d-4c39-…"
          list={`${id}-ops`}
          value={store.operationId.value}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-error`}
          onInput={(e) => store.setOperationId((e.currentTarget as HTMLInputElement).value)}
        />
        <button type="submit" class="btn btn-primary">
          Show logs
        </button>
      </div>
      <p id={`${id}-error`} class="error" role="alert">
        {error ?? ''}
      </p>
      <div class="range-row">
        <label for={`${id}-range`}>Time</label>
        <select
          id={`${id}-range`}
          value={store.lastMs.value === null ? '' : String(store.lastMs.value)}
          onChange={(e) => {
            const value = (e.currentTarget as HTMLSelectElement).value;
            store.setLastMs(value ? Number(value) : null);
          }}
        >
          <option value="">Any time</option>
          {RANGE_PRESETS.map((preset) => (
            <option key={preset.ms} value={String(preset.ms)}>
              {preset.name}
            </option>
          ))}
        </select>
      </div>
      <datalist id={`${id}-ops`}>
        {operations.map((op) => (
          <option key={`${op.instanceId} ${op.operationId}`} value={op.operationId}>
            {op.operation ?? ''}
          </option>
        ))}
      </datalist>
      {operations.length > 0 ? (
        <section class="recent" aria-label="Recent operations">
          <h2>Recent operations</h2>
          <ul>
            {operations.map((op) => (
              <li key={`${op.instanceId} ${op.operationId}`}>
                <button
                  type="button"
                  class="recent-op"
                  title={op.operationId}
                  onClick={() => {
                    store.setOperationId(op.operationId);
                    input.current?.focus();
                  }}
                >
                  <span class="op-name">{op.operation ?? 'operation'}</span>
                  <code class="op-id">{shortId(op.operationId)}</code>
                  <time class="op-time" dateTime={op.newestTimestamp}>
                    {formatLocalTime(op.newestTimestamp).replace(/\.\d{3}$/, '')}
                  </time>
                  {many ? <span class="op-instance">{labelOf(op.instanceId)}</span> : null}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </form>
  );
}
