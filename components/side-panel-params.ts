import { parseTimestamp } from '../lib/core/format-time';
import { LEVELS, type Level, type LogFilters } from '../lib/core/log-types';
import { rangeFromText } from '../lib/core/time-range';

export interface SidePanelParams {
  instanceId: string | null;
  filters: Partial<LogFilters>;
}

/** `?instance=<id>&operation_id=<uuid>&errors_only=1&level=ERROR&from=<ISO>&to=<ISO>` (as the popup and notifications open it). */
export function parseSidePanelParams(search: string): SidePanelParams {
  const params = new URLSearchParams(search);
  const filters: Partial<LogFilters> = {};
  const level = params.get('level')?.toUpperCase();
  if (level && (LEVELS as readonly string[]).includes(level)) filters.level = level as Level;
  const errorsOnly = params.get('errors_only')?.toLowerCase();
  if (errorsOnly === '1' || errorsOnly === 'true') filters.errorsOnly = true;
  const operationId = params.get('operation_id')?.trim();
  if (operationId) filters.operationId = operationId;
  Object.assign(filters, rangeFromText({ from: params.get('from') ?? undefined, to: params.get('to') ?? undefined }));
  return { instanceId: params.get('instance') || null, filters };
}
