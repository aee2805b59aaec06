// Times as the Python backend writes them (isoformat with microseconds and +00:00) and
// parses them (pydantic's lax datetime). Kept in epoch microseconds so `since` compares
// exactly even when several entries share a millisecond.

/** 2026-11-25T18:02:11.482913+00:00 */
export function formatMicros(micros: number): string {
  const ms = Math.floor(micros / 1000);
  const fraction = String(micros - Math.floor(micros / 1_000_000) * 1_000_000).padStart(6, '0');
  return `${new Date(ms).toISOString().slice(0, 19)}.${fraction}+00:00`;
}

/** A clock in epoch microseconds that never repeats or goes back. */
export function monotonicMicros(
  nowMs: () => number = () => performance.timeOrigin + performance.now(),
): () => number {
  let last = 0;
  return () => {
    const candidate = Math.floor(nowMs() * 1000);
    last = candidate > last ? candidate : last + 1;
    return last;
  };
}

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,6})\d*)?)?(?:([Zz])|([+-])(\d{2}):?(\d{2}))?)?$/;

/**
 * Epoch microseconds of an ISO-8601 date or date-time, or of a Unix timestamp (seconds,
 * or milliseconds when large, as pydantic reads numbers); null when unparseable.
 * A time without offset is taken as UTC.
 */
export function parseTimeToMicros(text: string): number | null {
  const value = text.trim();
  if (/^-?\d+(\.\d+)?$/.test(value)) {
    const n = Number(value);
    const seconds = Math.abs(n) > 2e10 ? n / 1000 : n;
    return Math.round(seconds * 1_000_000);
  }
  const m = ISO.exec(value);
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', z, sign, oh = '0', om = '0'] = m;
  const parts = [y, mo, d, h, mi, s].map(Number) as [number, number, number, number, number, number];
  const [year, month, day, hour, minute, second] = parts;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(ms);
  // Date.UTC rolls 2026-02-30 over to March; pydantic rejects it.
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) {
    return null;
  }
  const offsetMinutes = z || !sign ? 0 : (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om));
  if (Number(oh) > 23 || Number(om) > 59) return null;
  return (ms - offsetMinutes * 60_000) * 1000 + Number(frac.padEnd(6, '0') || '0');
}

/** `since` parsed, with the isoformat() Python writes back for it (no zone: UTC; Unix seconds: UTC). */
export function parseSince(text: string): { iso: string; micros: number } | null {
  const micros = parseTimeToMicros(text);
  if (micros === null) return null;
  const m = ISO.exec(text.trim());
  const sign = m?.[9];
  const offsetMinutes = sign ? (sign === '-' ? -1 : 1) * (Number(m[10]) * 60 + Number(m[11])) : 0;
  const local = micros + offsetMinutes * 60_000_000;
  const ms = Math.floor(local / 1000);
  const fraction = local - Math.floor(local / 1_000_000) * 1_000_000;
  const abs = Math.abs(offsetMinutes);
  const zone = `${offsetMinutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  const seconds = new Date(ms).toISOString().slice(0, 19);
  return { micros, iso: `${seconds}${fraction ? `.${String(fraction).padStart(6, '0')}` : ''}${zone}` };
}
