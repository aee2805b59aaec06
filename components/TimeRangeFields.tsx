import { useEffect, useId, useState } from 'preact/hooks';
import { zoneName, type TimeZoneChoice } from '../lib/core/format-time';
import type { LogsViewModel } from '../lib/core/logs-view-model';
import { formatRangeInput, parseRangeInput } from '../lib/core/range-input';
import { presetRange, RANGE_PRESETS } from '../lib/core/time-range';

const PLACEHOLDER = 'YYYY-MM-DD HH:MM';

type Bound = 'from' | 'to';

const shown = (ms: number | null, zone: TimeZoneChoice) => (ms === null ? '' : formatRangeInput(ms, zone));

/**
 * From and To (part of the filter bar), typed in the zone the list shows, applied on Enter
 * or when the field is left; and the presets, which set From back from now and leave To
 * open (live). A click on the chart sets both (components/EntriesChart.tsx).
 */
export function TimeRangeFields({ vm, timeZone }: { vm: LogsViewModel; timeZone: TimeZoneChoice }) {
  const { from, to } = vm.filters.value;
  const id = useId();
  const [drafts, setDrafts] = useState(() => ({ from: shown(from, timeZone), to: shown(to, timeZone) }));
  const [error, setError] = useState<{ on: Bound; text: string } | null>(null);

  // Follow changes made elsewhere (a preset, the chart, "Clear filters", another zone).
  useEffect(() => {
    setDrafts({ from: shown(from, timeZone), to: shown(to, timeZone) });
    setError(null);
  }, [from, to, timeZone]);

  const apply = (bound: Bound, text: string) => {
    const value = parseRangeInput(text, timeZone, Date.now());
    if (value === 'invalid') return setError({ on: bound, text: `${bound === 'from' ? 'From' : 'To'}: not a date and time (${PLACEHOLDER}).` });
    const current = vm.filters.peek();
    const next = { from: current.from, to: current.to, [bound]: value };
    if (next.from !== null && next.to !== null && next.from >= next.to) return setError({ on: bound, text: 'From must be before To.' });
    setError(null);
    if (next.from !== current.from || next.to !== current.to) vm.setTimeRange(next);
    else setDrafts((d) => ({ ...d, [bound]: shown(value, timeZone) }));
  };

  const zone = timeZone === 'utc' ? 'UTC' : `local time (${zoneName('local')})`;
  const field = (bound: Bound, label: string) => (
    <label class="pbl-label">
      <span>{label}</span>
      <input
        type="text"
        class="pbl-input pbl-input--time"
        placeholder={PLACEHOLDER}
        title={`${label}, in ${zone}`}
        spellcheck={false}
        autocomplete="off"
        aria-invalid={error?.on === bound ? true : undefined}
        aria-describedby={`${id}-zone${error?.on === bound ? ` ${id}-error` : ''}`}
        value={drafts[bound]}
        onInput={(e) => {
          const text = e.currentTarget.value;
          setDrafts((d) => ({ ...d, [bound]: text }));
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') apply(bound, e.currentTarget.value);
          else if (e.key === 'Escape' && e.currentTarget.value !== shown(vm.filters.peek()[bound], timeZone)) {
            // Esc puts back what is applied first (then, pressed again, closes details / the panel).
            e.stopPropagation();
            setDrafts((d) => ({ ...d, [bound]: shown(vm.filters.peek()[bound], timeZone) }));
            setError(null);
          }
        }}
        onBlur={(e) => apply(bound, e.currentTarget.value)}
      />
    </label>
  );

  return (
    <div class="pbl-range" role="group" aria-label="Time range">
      {field('from', 'From')}
      {field('to', 'To')}
      <span id={`${id}-zone`} class="pbl-visually-hidden">
        In {zone}; Enter applies.
      </span>
      <span class="pbl-range-presets">
        {RANGE_PRESETS.map((preset) => (
          <button
            key={preset.ms}
            type="button"
            class="pbl-btn pbl-btn--sm"
            title={`${preset.name}: To stays open, new entries keep coming`}
            onClick={() => vm.setTimeRange(presetRange(preset.ms, Date.now()))}
          >
            {preset.label}
          </button>
        ))}
      </span>
      {error && (
        <span id={`${id}-error`} class="pbl-error-text pbl-range-error" role="alert">
          {error.text}
        </span>
      )}
    </div>
  );
}
