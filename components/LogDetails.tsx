import { formatFullTimestamp, type TimeZoneChoice } from '../lib/core/format-time';
import type { LogEntry } from '../lib/core/log-types';
import { CappedText } from './CappedText';

export interface LogDetailsProps {
  entry: LogEntry;
  timeZone: TimeZoneChoice;
  onCopyEntry: (entry: LogEntry, button: Element) => void;
  onCopyOperationId: (operationId: string, button: Element) => void;
  onFilterOperation: (operationId: string) => void;
}

function Field({ name, value }: { name: string; value: string | null }) {
  if (value === null || value === '') return null;
  return (
    <div class="pbl-field">
      <dt>{name}</dt>
      <dd>
        <bdi>{value}</bdi>
      </dd>
    </div>
  );
}

/** The expanded part of a row: every field of the entry, as text. */
export function LogDetails({ entry, timeZone, onCopyEntry, onCopyOperationId, onFilterOperation }: LogDetailsProps) {
  const resource =
    entry.resourceType !== null || entry.resourceId !== null
      ? [entry.resourceType, entry.resourceId !== null ? `#${entry.resourceId}` : null].filter(Boolean).join(' ')
      : null;
  const opId = entry.operationId;
  return (
    <div class="pbl-details">
      <div class="pbl-details-actions">
        <button type="button" class="pbl-btn pbl-btn--sm" onClick={(e) => onCopyEntry(entry, e.currentTarget)}>
          Copy entry
        </button>
        {opId && (
          <>
            <button type="button" class="pbl-btn pbl-btn--sm" onClick={(e) => onCopyOperationId(opId, e.currentTarget)}>
              Copy operation ID
            </button>
            <button type="button" class="pbl-btn pbl-btn--sm" onClick={() => onFilterOperation(opId)}>
              Show this operation only
            </button>
          </>
        )}
      </div>
      <dl class="pbl-fields">
        <Field name="Time" value={formatFullTimestamp(entry.timestamp, timeZone)} />
        <Field name="Backend timestamp" value={entry.timestamp} />
        <Field name="Operation" value={entry.operation} />
        <Field name="Phase" value={entry.phase} />
        <Field name="Resource" value={resource} />
        <Field name="Operation ID" value={opId} />
        <Field name="Entry ID" value={String(entry.id)} />
      </dl>
      <div class="pbl-details-label">Message</div>
      <CappedText text={entry.message} label="Message" wrap />
      {entry.traceback !== null && entry.traceback !== '' && (
        <>
          <div class="pbl-details-label">Traceback</div>
          <CappedText text={entry.traceback} label="Traceback" />
        </>
      )}
    </div>
  );
}
