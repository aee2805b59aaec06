import { localClock, localDate } from './format-time';
import type { LogEntry } from './log-types';

// Getting entries out of the extension: a JSON or CSV file of what is loaded, and one entry
// as readable text for the clipboard. Files use the contract's field names (§3) so they
// read like the backend's own answer; the traceback is a top-level field rather than
// nested under `expandable`, which is what a spreadsheet or grep wants.

export type ExportKind = 'json' | 'csv';

/** Columns of both export formats, in this order. */
export const EXPORT_FIELDS = [
  'id',
  'timestamp',
  'level',
  'module',
  'message',
  'operation_id',
  'operation',
  'phase',
  'resource_type',
  'resource_id',
  'traceback',
] as const;

export type ExportField = (typeof EXPORT_FIELDS)[number];
export type ExportedEntry = Record<ExportField, string | null>;

/** An entry in the contract's names; the id back as the string the wire carries. */
export function toExported(entry: LogEntry): ExportedEntry {
  return {
    id: String(entry.id),
    timestamp: entry.timestamp,
    level: entry.level,
    module: entry.module,
    message: entry.message,
    operation_id: entry.operationId,
    operation: entry.operation,
    phase: entry.phase,
    resource_type: entry.resourceType,
    resource_id: entry.resourceId,
    traceback: entry.traceback,
  };
}

/** A pretty-printed JSON array, in the order given (the list's: newest first). */
export function toJson(entries: readonly LogEntry[]): string {
  return `${JSON.stringify(entries.map(toExported), null, 2)}\n`;
}

// Spreadsheets run a cell starting with one of these as a formula (CSV injection); a
// leading apostrophe makes them show it as text. Log messages are free text from the
// backend, so anything can be there.
const FORMULA_START = /^[=+\-@\t\r]/;

function csvCell(value: string | null): string {
  let text = value ?? '';
  if (FORMULA_START.test(text)) text = `'${text}`;
  // RFC 4180: quote a field holding a comma, a quote or a line break; double its quotes.
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export interface CsvOptions {
  /** Start with a UTF-8 byte order mark, which Excel needs to read non-ASCII text right. */
  bom?: boolean;
}

/** RFC 4180 CSV: a header row, then one row per entry, CRLF line ends. */
export function toCsv(entries: readonly LogEntry[], options: CsvOptions = {}): string {
  const lines = [EXPORT_FIELDS.join(',')];
  for (const entry of entries) {
    const row = toExported(entry);
    lines.push(EXPORT_FIELDS.map((field) => csvCell(row[field])).join(','));
  }
  return `${options.bom ? '\uFEFF' : ''}${lines.join('\r\n')}\r\n`;
}

/**
 * One entry as readable text ("copy entry"):
 *   2026-11-25T18:02:11.482913+00:00 ERROR virtual_machines #1042
 *   Failed to sync VM 101 ...
 *   Operation: vm_sync 0f8e2c1a-... (phase: write)
 *   Resource: virtual_machine 101
 *   Traceback (most recent call last): ...
 * The timestamp stays as the backend wrote it (UTC, microseconds) so a copy can be matched
 * against the backend's own log.
 */
export function entryToText(entry: LogEntry): string {
  const lines = [`${entry.timestamp} ${entry.level} ${entry.module} #${entry.id}`, entry.message];
  if (entry.operation !== null || entry.operationId !== null) {
    const what = [entry.operation, entry.operationId].filter((v) => v !== null).join(' ');
    lines.push(`Operation: ${what}${entry.phase !== null ? ` (phase: ${entry.phase})` : ''}`);
  } else if (entry.phase !== null) {
    lines.push(`Phase: ${entry.phase}`);
  }
  if (entry.resourceType !== null || entry.resourceId !== null) {
    lines.push(`Resource: ${[entry.resourceType, entry.resourceId].filter((v) => v !== null).join(' ')}`);
  }
  if (entry.traceback !== null) lines.push(entry.traceback);
  return lines.join('\n');
}

/** "proxbox-logs-2026-11-25-180211.json": local time of the export, safe on every OS. */
export function exportFileName(kind: ExportKind, date: Date): string {
  const d = Number.isFinite(date.getTime()) ? date : new Date(0);
  return `proxbox-logs-${localDate(d)}-${localClock(d, '')}.${kind}`;
}
