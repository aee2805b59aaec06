// @vitest-environment node
// The writer's runs: realistic, varied, and repeatable with a seed.
import { describe, expect, it } from 'vitest';
import { LogBuffer } from './log-buffer';
import { LogWriter } from './log-writer';
import { WIRE_LEVELS } from './types';

const play = (seed: number, count: number) => {
  const writer = new LogWriter(new LogBuffer(), { seed });
  return writer.write(count);
};

describe('log writer', () => {
  it('is repeatable with a seed (apart from timestamps)', () => {
    const strip = (seed: number) => play(seed, 300).map(({ timestamp: _t, ...rest }) => rest);
    expect(strip(5)).toEqual(strip(5));
    expect(strip(5)).not.toEqual(strip(6));
  });

  it('writes sync runs with the fields and variety the extension must handle', () => {
    const entries = play(1, 3000);
    const levels = new Map<string, number>();
    for (const e of entries) levels.set(e.level, (levels.get(e.level) ?? 0) + 1);
    for (const level of WIRE_LEVELS) expect(levels.get(level) ?? 0).toBeGreaterThan(0);
    expect((levels.get('INFO') ?? 0) + (levels.get('DEBUG') ?? 0)).toBeGreaterThan(entries.length * 0.7);

    const ops = new Set(entries.map((e) => e.operation));
    for (const op of ['vm_sync', 'device_sync', 'storage_sync', 'cluster_sync', 'backup_sync']) expect(ops).toContain(op);
    // The module carries the formatter's colour codes, by level, as the recordings show.
    const plain = (module: string) => module.replace(/\u001b\[\d+m/g, '');
    const modules = new Set(entries.map((e) => plain(e.module)));
    for (const m of ['virtual_machines', 'devices', 'storage', 'network', 'sync', 'clusters']) expect(modules).toContain(m);
    for (const e of entries) {
      const pairs = e.level === 'DEBUG' ? 0 : e.level === 'INFO' ? 1 : 2;
      expect(e.module).toBe(`${'\u001b[90m'.repeat(pairs)}${plain(e.module)}${'\u001b[0m'.repeat(pairs)}`);
    }
    const phases = new Set(entries.map((e) => e.phase));
    for (const p of ['discover', 'fetch', 'compare', 'write', 'cleanup']) expect(phases).toContain(p);

    expect(entries.some((e) => e.operation_id === null && e.operation === null)).toBe(true);
    expect(entries.filter((e) => e.operation_id).every((e) => /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(e.operation_id!))).toBe(true);
    expect(entries.some((e) => typeof e.resource_id === 'number')).toBe(true);
    expect(entries.some((e) => typeof e.resource_id === 'string')).toBe(true);
    const tracebacks = entries.filter((e) => e.expandable?.traceback);
    expect(tracebacks.length).toBeGreaterThan(0);
    expect(tracebacks.every((e) => e.expandable!.traceback!.startsWith('Traceback (most recent call last):\n'))).toBe(true);
    expect(tracebacks.some((e) => e.expandable!.traceback!.length > 2000)).toBe(true);
  });

  it('unseeded runs use crypto UUIDs', () => {
    const writer = new LogWriter(new LogBuffer());
    const ids = new Set(writer.write(500).map((e) => e.operation_id).filter(Boolean));
    expect(ids.size).toBeGreaterThan(1);
  });

  it('back-fills hours of history in bursts: quiet stretches and busy minutes, repeatable with a seed', () => {
    const fill = (seed: number) => new LogWriter(new LogBuffer(), { seed }).backfill(3000, 8);
    const entries = fill(3);
    const stamps = entries.map((e) => Date.parse(e.timestamp));
    expect(stamps[0]).toBeGreaterThan(Date.now() - 8 * 3_600_000);
    expect(Math.max(...stamps)).toBeLessThanOrEqual(Date.now());
    // Per 10-minute slot: some slots far busier than the average, and some (nearly) empty.
    const slots = new Map<number, number>();
    for (const t of stamps) slots.set(Math.floor(t / 600_000), (slots.get(Math.floor(t / 600_000)) ?? 0) + 1);
    const counts = [...slots.values()];
    const average = 3000 / 48;
    expect(Math.max(...counts)).toBeGreaterThan(3 * average);
    expect(48 - slots.size + counts.filter((n) => n < average / 4).length).toBeGreaterThan(5);
    const strip = (list: typeof entries) => list.map(({ timestamp: _t, ...rest }) => rest);
    expect(strip(fill(3))).toEqual(strip(entries));
  });
});
