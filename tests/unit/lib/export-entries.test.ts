import { describe, expect, it } from 'vitest';
import { EXPORT_FIELDS, entryToText, exportFileName, toCsv, toJson } from '../../../lib/core/export-entries';
import type { LogEntry } from '../../../lib/core/log-types';

const full: LogEntry = {
  id: 1042,
  timestamp: '2026-11-25T18:02:11.482913+00:00',
  level: 'ERROR',
  module: 'virtual_machines',
  message: 'Failed to sync VM 101 on node pve01: 500 Internal Server Error',
  operationId: '0f8e2c1a-5b7d-4c39-9e0a-2d6f1b3c4e5f',
  operation: 'vm_sync',
  phase: 'write',
  resourceType: 'virtual_machine',
  resourceId: '101',
  traceback: 'Traceback (most recent call last):\n  File "x.py", line 1',
};
const bare: LogEntry = {
  ...full,
  id: 7,
  level: 'INFO',
  message: 'started',
  operationId: null,
  operation: null,
  phase: null,
  resourceType: null,
  resourceId: null,
  traceback: null,
};

/** A minimal RFC 4180 reader, to check that what toCsv writes reads back as written. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(cell), (cell = '');
    else if (c === '\r' && text[i + 1] === '\n') row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
    else cell += c;
  }
  return rows;
}

describe('toJson', () => {
  it('writes the contract field names, id as a string, traceback at top level', () => {
    const parsed = JSON.parse(toJson([full, bare]));
    expect(parsed).toHaveLength(2);
    expect(Object.keys(parsed[0])).toEqual([...EXPORT_FIELDS]);
    expect(parsed[0]).toMatchObject({ id: '1042', operation_id: full.operationId, resource_id: '101', traceback: full.traceback });
    expect(parsed[1]).toMatchObject({ id: '7', operation_id: null, traceback: null });
    expect(toJson([full])).toContain('\n  {\n    "id": "1042",');
  });
});

describe('toCsv', () => {
  it('has a header and CRLF rows that read back exactly', () => {
    const csv = toCsv([full, bare]);
    expect(csv.startsWith(`${EXPORT_FIELDS.join(',')}\r\n`)).toBe(true);
    const rows = parseCsv(csv);
    expect(rows).toHaveLength(3);
    expect(rows[1]).toEqual(['1042', full.timestamp, 'ERROR', 'virtual_machines', full.message, full.operationId, 'vm_sync', 'write', 'virtual_machine', '101', full.traceback]);
    expect(rows[2]![5]).toBe(''); // null -> empty cell
  });

  it('quotes commas, quotes and line breaks (RFC 4180)', () => {
    const tricky = { ...bare, message: 'say "hi", then\r\nleave\nnow' };
    const csv = toCsv([tricky]);
    expect(csv).toContain('"say ""hi"", then\r\nleave\nnow"');
    expect(parseCsv(csv)[1]![4]).toBe(tricky.message);
  });

  it('defuses spreadsheet formulas with a leading apostrophe', () => {
    const starts = ['=SUM(A1)', '+1', '-2+3', '@cmd', '\tx', '\rx'];
    const rows = parseCsv(toCsv(starts.map((message, i) => ({ ...bare, id: i, message }))));
    expect(rows.slice(1).map((r) => r[4])).toEqual(starts.map((s) => `'${s}`));
    expect(parseCsv(toCsv([{ ...bare, message: 'a=b' }]))[1]![4]).toBe('a=b');
    expect(toCsv([{ ...bare, message: '=1,2' }])).toContain(`"'=1,2"`);
  });

  it('keeps any characters and can start with a BOM', () => {
    const m = { ...bare, message: '<b>日本語</b> \u0000 ünïcödé' };
    expect(parseCsv(toCsv([m]))[1]![4]).toBe(m.message);
    expect(toCsv([], { bom: true })).toBe(`\uFEFF${EXPORT_FIELDS.join(',')}\r\n`);
  });
});

describe('entryToText', () => {
  it('is readable and complete', () => {
    expect(entryToText(full)).toBe(
      [
        '2026-11-25T18:02:11.482913+00:00 ERROR virtual_machines #1042',
        full.message,
        'Operation: vm_sync 0f8e2c1a-5b7d-4c39-9e0a-2d6f1b3c4e5f (phase: write)',
        'Resource: virtual_machine 101',
        full.traceback,
      ].join('\n'),
    );
  });
  it('leaves out what is null', () => {
    expect(entryToText(bare)).toBe('2026-11-25T18:02:11.482913+00:00 INFO virtual_machines #7\nstarted');
    expect(entryToText({ ...bare, phase: 'read' })).toContain('\nPhase: read');
  });
});

describe('exportFileName', () => {
  it('uses local date and time, safe characters only', () => {
    const d = new Date(2026, 10, 25, 8, 2, 3);
    expect(exportFileName('json', d)).toBe('proxbox-logs-2026-11-25-080203.json');
    expect(exportFileName('csv', d)).toBe('proxbox-logs-2026-11-25-080203.csv');
    expect(exportFileName('csv', new Date(Number.NaN))).toMatch(/^proxbox-logs-[\d-]+\.csv$/);
  });
});
