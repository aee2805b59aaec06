// Hostile log content (tests/fixtures/hostile-payloads.ts) from the wire to the DOM: each
// payload goes through the response parser into a row and its expanded details, and must
// come out as exactly its text, with no element or attribute made from it.
import { describe, expect, it, vi } from 'vitest';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { LogList } from '../../../components/LogList';
import { LogsPanel } from '../../../components/LogsPanel';
import { COLLAPSED_CHARS } from '../../../components/format';
import { parseLogsJson, stripEscapes } from '../../../lib/core/parse-logs-response';
import type { LogEntry } from '../../../lib/core/log-types';
import type { LogRow } from '../../../lib/core/logs-view-model';
import { hostilePayloads } from '../../fixtures/hostile-payloads';
import { fakeViewModel } from './fake-view-model';
import { renderUi, settle } from './render';

const CANARY = 'http://canary.invalid/pwned';
const PAYLOADS = hostilePayloads(CANARY);

/** What the backend sends for a payload: it in every free-text field. */
function wireEntry(id: number, payload: string) {
  return {
    id: String(id),
    timestamp: '2026-11-25T18:02:11.482913+00:00',
    level: 'ERROR',
    module: payload,
    message: payload,
    operation_id: payload,
    operation: payload,
    phase: 'write',
    resource_type: 'virtual_machine',
    resource_id: 101,
    expandable: { traceback: payload },
  };
}

function parsed(payload: string): LogEntry {
  const page = parseLogsJson({ logs: [wireEntry(7, payload)], total: 1, has_more: false });
  if (!page.ok) throw new Error(`parse failed: ${page.failure.kind}`);
  return page.value.logs[0]!;
}

// Elements the list and its details are made of; anything else came from content.
const ALLOWED_TAGS = new Set(['DIV', 'SPAN', 'BUTTON', 'BDI', 'PRE', 'DL', 'DT', 'DD', 'MARK']);
const ALLOWED_ATTRS = new Set([
  'role',
  'class',
  'style',
  'tabindex',
  'title',
  'type',
  'data-index',
  'data-entry-id',
]);

/** Every element or attribute that is not one the components make themselves. */
function foreignMarkup(root: Element): string[] {
  const found: string[] = [];
  for (const el of root.querySelectorAll('*')) {
    if (!ALLOWED_TAGS.has(el.tagName)) found.push(`<${el.tagName.toLowerCase()}>`);
    for (const attr of el.getAttributeNames()) {
      if (!ALLOWED_ATTRS.has(attr) && !attr.startsWith('aria-')) found.push(`${el.tagName.toLowerCase()}[${attr}]`);
    }
    const style = el.getAttribute('style');
    if (style !== null && !/^(transform: translateY\(\d+px\)|height: \d+px);?$/.test(style)) found.push(`style="${style}"`);
  }
  return found;
}

function renderList(entry: LogEntry, opts: { expanded: boolean; query?: string }) {
  const row: LogRow = { kind: 'entry', key: 'k7', entry };
  return renderUi(
    <LogList
      rows={[row]}
      query={opts.query ?? ''}
      expanded={new Set(opts.expanded ? ['k7'] : [])}
      onToggle={vi.fn()}
      onFilterOperation={vi.fn()}
      onCopyEntry={vi.fn()}
      onCopyOperationId={vi.fn()}
      onAtTopChange={vi.fn()}
      initialRect={{ width: 1000, height: 600 }}
    />,
  );
}

const text = (el: Element | null | undefined) => el?.textContent ?? null;

function fieldValue(root: Element, name: string): string | null {
  const dt = [...root.querySelectorAll('dt')].find((d) => d.textContent === name);
  return text(dt?.nextElementSibling?.querySelector('bdi'));
}

describe('hostile log content in the list', () => {
  it('has a corpus of at least 50 distinct payloads', () => {
    expect(PAYLOADS.length).toBeGreaterThanOrEqual(50);
    expect(new Set(PAYLOADS.map((p) => p.name)).size).toBe(PAYLOADS.length);
    expect(new Set(PAYLOADS.map((p) => p.payload)).size).toBe(PAYLOADS.length);
  });

  it.each(PAYLOADS.map((p) => [p.name, p.payload] as const))('%s: survives parsing unchanged, but for terminal escapes', (_name, payload) => {
    const entry = parsed(payload);
    // Terminal colour codes are the backend formatter's, never the user's to see (contract §3).
    const expected = stripEscapes(payload);
    expect(entry.message).toBe(expected);
    expect(entry.module).toBe(expected);
    expect(entry.operationId).toBe(expected);
    expect(entry.operation).toBe(expected);
    expect(entry.traceback).toBe(expected);
  });

  it.each(PAYLOADS.map((p) => [p.name, stripEscapes(p.payload)] as const))('%s: rendered collapsed and expanded as its literal text', async (_name, payload) => {
    const entry = parsed(payload);
    const root = await renderList(entry, { expanded: true });
    const row = root.querySelector('[role="row"][data-entry-id="7"]')!;
    expect(row).not.toBeNull();

    // The collapsed line: module and message (cut to the collapsed length) and the short id.
    expect(text(row.querySelector('.pbl-cell--module bdi'))).toBe(payload);
    const line = text(row.querySelector('.pbl-cell--message bdi'))!;
    expect(payload.startsWith(line)).toBe(true);
    expect(line.length).toBeGreaterThanOrEqual(Math.min(payload.length, COLLAPSED_CHARS) - 1);
    expect(line.length).toBeLessThanOrEqual(COLLAPSED_CHARS);
    // A cut never leaves half a surrogate pair behind.
    expect(/[\uD800-\uDBFF]$/.test(line)).toBe(false);
    const op = row.querySelector('.pbl-op')!;
    expect(payload.startsWith(op.textContent!)).toBe(true);
    expect(op.getAttribute('title')).toBe(`Show only operation ${payload}`);

    // The details: every field whole.
    const details = row.querySelector('.pbl-cell--details')!;
    expect(text(details.querySelector('pre[aria-label="Message"]'))).toBe(payload);
    expect(text(details.querySelector('pre[aria-label="Traceback"]'))).toBe(payload);
    expect(fieldValue(details, 'Operation')).toBe(payload);
    expect(fieldValue(details, 'Operation ID')).toBe(payload);

    expect(foreignMarkup(root)).toEqual([]);
  });

  it.each(PAYLOADS.filter((p) => !p.huge).map((p) => [p.name, stripEscapes(p.payload)] as const))(
    '%s: highlighted by a search as text',
    async (_name, payload) => {
      const entry = parsed(payload);
      // Search for a piece from the middle of the payload (what a user might type).
      const piece = payload.slice(Math.floor(payload.length / 3), Math.floor(payload.length / 3) + 4).trim();
      const root = await renderList(entry, { expanded: false, query: piece });
      const line = text(root.querySelector('.pbl-cell--message bdi'))!;
      expect(payload.startsWith(line)).toBe(true);
      expect(line.length).toBeGreaterThanOrEqual(Math.min(payload.length, COLLAPSED_CHARS) - 1);
      expect(foreignMarkup(root)).toEqual([]);
    },
  );

  it('renders all payloads at once in the panel without foreign markup', async () => {
    const entries = PAYLOADS.map((p, i) => ({ ...parsed(p.payload), id: PAYLOADS.length - i }));
    const vm = fakeViewModel({ entries });
    const root = await renderUi(
      <LogsPanel vm={vm} instanceLabel="netbox.example.com" baseUrl="https://netbox.example.com" linkTarget="_self" listInitialRect={{ width: 1200, height: 4000 }} />,
    );
    await settle();
    const rows = root.querySelectorAll('[role="row"][data-entry-id]');
    expect(rows.length).toBe(PAYLOADS.length);
    // The panel's own markup has inputs, selects and options; the list must add nothing else.
    const list = root.querySelector('[role="treegrid"]')!;
    expect(foreignMarkup(list)).toEqual([]);
    expect(root.querySelectorAll('img,script,svg,iframe,object,embed,style,link,meta,base,form,a,video,audio,math,template,noscript,details,marquee').length).toBe(0);
    expect(document.title).not.toBe('PWNED');
    expect((globalThis as { __pwned?: unknown }).__pwned).toBeUndefined();
  });

  it('comes from source code that never writes HTML or URLs from data', async () => {
    const root = path.resolve(__dirname, '../../..');
    const found: string[] = [];
    for (const dir of ['components', 'lib', 'entrypoints']) {
      for (const entry of await readdir(path.join(root, dir), { withFileTypes: true, recursive: true })) {
        if (!entry.isFile() || !/\.(ts|tsx)$/.test(entry.name)) continue;
        const file = path.join(entry.parentPath, entry.name);
        const code = await readFile(file, 'utf8');
        const sinks = /dangerouslySetInnerHTML|\.innerHTML\s*=|\.outerHTML\s*=|insertAdjacentHTML|document\.write|createContextualFragment|DOMParser|\beval\s*\(|new Function\s*\(/g;
        for (const m of code.matchAll(sinks)) found.push(`${path.relative(root, file)}: ${m[0]}`);
      }
    }
    expect(found).toEqual([]);
  });
});
