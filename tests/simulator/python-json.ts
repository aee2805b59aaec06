// Python's json.dumps with its defaults, as proxbox-api writes each SSE `data:` line:
// `", "` and `": "` separators and ensure_ascii (everything outside printable ASCII as
// \uXXXX, astral characters as surrogate pairs), unlike JSON.stringify and FastAPI's
// compact JSONResponse (the `data:` lines of tests/fixtures/recorded/proxbox-api/stream_*.json).

const SHORT: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' };

function pyString(text: string): string {
  // Without the u flag the regex walks UTF-16 code units, so each half of a surrogate pair
  // is escaped on its own, as Python does.
  return `"${text.replace(/[\\"]|[^ -~]/g, (c) => SHORT[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}"`;
}

export function pythonJsonDumps(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return pyString(value);
  if (typeof value === 'number' || typeof value === 'boolean') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(pythonJsonDumps).join(', ')}]`;
  const fields = Object.entries(value as Record<string, unknown>).map(([k, v]) => `${pyString(k)}: ${pythonJsonDumps(v)}`);
  return `{${fields.join(', ')}}`;
}
