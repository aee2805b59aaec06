// Figures of the benchmarks: a value with its unit, its target, the baseline it is compared
// with (measured in the same run) and PASS/MISS. Benchmarks report; they never fail.

export type Status = 'PASS' | 'MISS' | 'INFO' | 'ERROR';

export interface Target {
  op: '<=' | '>=' | '<' | '=';
  value: number;
}

export interface Figure {
  section: string;
  name: string;
  value: number | null;
  unit: string;
  target?: Target;
  /** The baseline measured in the same run, and value as a multiple of it ("10.2x faster"). */
  baseline?: { name: string; value: number; unit: string };
  /** baseline / value for times (how many times faster), value / baseline otherwise. */
  ratio?: number;
  ratioLabel?: string;
  status: Status;
  note?: string;
}

/** The middle value (the mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function check(value: number | null, target?: Target): Status {
  if (!target) return 'INFO';
  if (value === null || !Number.isFinite(value)) return 'ERROR';
  switch (target.op) {
    case '<=':
      return value <= target.value ? 'PASS' : 'MISS';
    case '<':
      return value < target.value ? 'PASS' : 'MISS';
    case '>=':
      return value >= target.value ? 'PASS' : 'MISS';
    case '=':
      return value === target.value ? 'PASS' : 'MISS';
  }
}

export function figure(f: Omit<Figure, 'status'> & { status?: Status }): Figure {
  return { ...f, status: f.status ?? check(f.value, f.target) };
}

export function fmt(value: number | null, unit = ''): string {
  if (value === null || !Number.isFinite(value)) return 'n/a';
  const abs = Math.abs(value);
  const digits = abs >= 100 || Number.isInteger(value) ? 0 : abs >= 10 ? 1 : 2;
  const text = value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return unit ? `${text} ${unit}` : text;
}

function targetText(f: Figure): string {
  if (!f.target) return '';
  return `${f.target.op} ${fmt(f.target.value, f.unit)}`;
}

function baselineText(f: Figure): string {
  if (!f.baseline) return '';
  const ratio = f.ratio !== undefined ? ` (${fmt(f.ratio)}x${f.ratioLabel ? ` ${f.ratioLabel}` : ''})` : '';
  return `${f.baseline.name}: ${fmt(f.baseline.value, f.baseline.unit)}${ratio}`;
}

/** A plain-text table, one figure a line, grouped by section. */
export function table(figures: readonly Figure[]): string {
  const rows = figures.map((f) => [f.section, f.name, fmt(f.value, f.unit), targetText(f), baselineText(f), f.status]);
  const head = ['section', 'figure', 'value', 'target', 'baseline (same run)', 'result'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  const out = [line(head), widths.map((w) => '-'.repeat(w)).join('  ')];
  let section = '';
  for (const r of rows) {
    if (r[0] !== section && section !== '') out.push('');
    section = r[0]!;
    out.push(line(r));
  }
  return out.join('\n');
}

/** The same table as Markdown (docs/performance.md). */
export function markdown(figures: readonly Figure[]): string {
  const out = ['| section | figure | value | target | baseline (same run) | result |', '|---|---|---|---|---|---|'];
  for (const f of figures) {
    out.push(`| ${f.section} | ${f.name} | ${fmt(f.value, f.unit)} | ${targetText(f)} | ${baselineText(f)} | ${f.status} |`);
  }
  return out.join('\n');
}
