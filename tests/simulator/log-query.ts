// Reads the query of `GET /admin/logs` the way FastAPI + pydantic v2 would: every bad
// parameter is reported at once as a 422 `detail` list; the last of repeated values wins
// (Starlette); parameters the endpoint does not declare are ignored.
import { parseSince } from './iso-time';
import { WIRE_LEVELS, type LogQuery, type ValidationIssue, type WireLevel } from './types';

export const DEFAULT_LIMIT = 200;
export const MAX_LIMIT = 5000;

export type QueryParam =
  | 'level'
  | 'errors_only'
  | 'operation_id'
  | 'newer_than_id'
  | 'older_than_id'
  | 'since'
  | 'limit'
  | 'offset';

export const LIST_PARAMS: readonly QueryParam[] = [
  'level',
  'errors_only',
  'operation_id',
  'newer_than_id',
  'older_than_id',
  'since',
  'limit',
  'offset',
];
export const STREAM_PARAMS: readonly QueryParam[] = ['level', 'errors_only', 'operation_id', 'newer_than_id'];

const TRUE_WORDS = new Set(['1', 'on', 't', 'true', 'y', 'yes']);
const FALSE_WORDS = new Set(['0', 'off', 'f', 'false', 'n', 'no']);
const LEVEL_LIST = "'DEBUG', 'INFO', 'WARNING', 'ERROR' or 'CRITICAL'";

/** The reason pydantic (speedate) gives for an unreadable date-time, as far as tests meet them. */
function sinceError(text: string): string {
  if (text.trim().length < 10) return 'input is too short';
  if (!/^\d{4}/.test(text.trim())) return 'invalid character in year';
  return 'unexpected extra characters at the end of the input';
}

export type ParsedQuery = { ok: true; query: LogQuery } | { ok: false; detail: ValidationIssue[] };

export function parseLogQuery(params: URLSearchParams, accepted: readonly QueryParam[] = LIST_PARAMS): ParsedQuery {
  const detail: ValidationIssue[] = [];
  const raw = (name: QueryParam): string | null => {
    if (!accepted.includes(name)) return null;
    const all = params.getAll(name);
    return all.length ? (all[all.length - 1] as string) : null;
  };
  const issue = (name: QueryParam, input: string, type: string, msg: string, ctx?: Record<string, unknown>) =>
    detail.push({ type, loc: ['query', name], msg, input, ...(ctx ? { ctx } : {}) });

  const int = (name: QueryParam, bounds: { ge?: number; le?: number } = {}): number | null => {
    const text = raw(name);
    if (text === null) return null;
    if (!/^\s*[+-]?\d+\s*$/.test(text)) {
      issue(name, text, 'int_parsing', 'Input should be a valid integer, unable to parse string as an integer');
      return null;
    }
    const n = Number(text.trim());
    if (bounds.ge !== undefined && n < bounds.ge) {
      issue(name, text, 'greater_than_equal', `Input should be greater than or equal to ${bounds.ge}`, { ge: bounds.ge });
      return null;
    }
    if (bounds.le !== undefined && n > bounds.le) {
      issue(name, text, 'less_than_equal', `Input should be less than or equal to ${bounds.le}`, { le: bounds.le });
      return null;
    }
    return n;
  };

  let level: WireLevel | null = null;
  const levelText = raw('level');
  if (levelText !== null) {
    if ((WIRE_LEVELS as readonly string[]).includes(levelText)) level = levelText as WireLevel;
    else issue('level', levelText, 'enum', `Input should be ${LEVEL_LIST}`, { expected: LEVEL_LIST });
  }

  let errorsOnly: boolean | null = null;
  const errorsText = raw('errors_only');
  if (errorsText !== null) {
    const word = errorsText.trim().toLowerCase();
    if (TRUE_WORDS.has(word)) errorsOnly = true;
    else if (FALSE_WORDS.has(word)) errorsOnly = false;
    else issue('errors_only', errorsText, 'bool_parsing', 'Input should be a valid boolean, unable to interpret input');
  }

  let since: LogQuery['since'] = null;
  const sinceText = raw('since');
  if (sinceText !== null) {
    since = parseSince(sinceText);
    if (since === null) {
      const error = sinceError(sinceText);
      issue('since', sinceText, 'datetime_from_date_parsing', `Input should be a valid datetime or date, ${error}`, { error });
    }
  }

  const newerThanId = int('newer_than_id');
  const olderThanId = int('older_than_id');
  const limit = int('limit', { ge: 1, le: MAX_LIMIT });
  const offset = int('offset', { ge: 0 });
  // An empty operation_id filters nothing: the backend tests it for truthiness.
  const operationId = raw('operation_id') || null;

  if (detail.length) return { ok: false, detail };
  return {
    ok: true,
    query: {
      level,
      errorsOnly,
      operationId,
      newerThanId,
      olderThanId,
      since,
      limit: limit ?? DEFAULT_LIMIT,
      offset: offset ?? 0,
    },
  };
}
