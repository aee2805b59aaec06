// How the logs proxy misbehaves, set through POST /__sim/fault: sticky until cleared, or
// for the next `times` proxied requests only.

export const FAULT_MODES = ['none', 'down', 'slow', 'hang', 'status', 'malformed', 'wrong-shape', 'discovery'] as const;
export type FaultMode = (typeof FAULT_MODES)[number];

export const MALFORMED_VARIANTS = ['truncated', 'text', 'html', 'empty'] as const;
export const WRONG_SHAPE_VARIANTS = ['null-logs', 'items', 'missing-fields', 'wrong-types', 'array'] as const;

export interface Fault {
  mode: FaultMode;
  /** For 'status': the status to answer. */
  status?: number;
  /** For 'status', 'down', 'malformed', 'wrong-shape', 'discovery': the body instead of the default (a string is sent as is, anything else as JSON). */
  body?: unknown;
  headers?: Record<string, string>;
  /** For 'slow': how long the backend takes. */
  delayMs?: number;
  /** For 'slow': the proxy's timeout instead of the simulator's (504 past it). */
  timeoutMs?: number;
  /** For 'malformed' / 'wrong-shape': which kind of bad answer. */
  variant?: string;
  /** Requests left before the fault clears itself; absent = sticky. */
  times?: number;
}

const NONE: Fault = { mode: 'none' };

/** A fault from a JSON body, or an error message saying what is wrong with it. */
export function parseFault(input: unknown): Fault | string {
  if (typeof input !== 'object' || input === null) return 'body must be a JSON object';
  const spec = input as Record<string, unknown>;
  const mode = spec.mode;
  if (!FAULT_MODES.includes(mode as FaultMode)) return `mode must be one of ${FAULT_MODES.join(', ')}`;
  const fault: Fault = { mode: mode as FaultMode };
  const nonNegativeInt = (name: string) => {
    const v = spec[name];
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw new Error(`${name} must be a non-negative integer`);
    return v;
  };
  try {
    fault.status = nonNegativeInt('status');
    fault.delayMs = nonNegativeInt('delayMs');
    fault.timeoutMs = nonNegativeInt('timeoutMs');
    fault.times = nonNegativeInt('times');
  } catch (error) {
    return (error as Error).message;
  }
  if (fault.mode === 'status' && (fault.status === undefined || fault.status < 100 || fault.status > 599)) {
    return "mode 'status' needs a status between 100 and 599";
  }
  if (fault.times === 0) return 'times must be at least 1 (omit it for a sticky fault)';
  if (spec.body !== undefined) fault.body = spec.body;
  if (spec.headers !== undefined) {
    const headers = spec.headers;
    if (typeof headers !== 'object' || headers === null || Object.values(headers).some((v) => typeof v !== 'string')) {
      return 'headers must be an object of strings';
    }
    fault.headers = headers as Record<string, string>;
  }
  if (spec.variant !== undefined) {
    const allowed: readonly string[] =
      fault.mode === 'malformed' ? MALFORMED_VARIANTS : fault.mode === 'wrong-shape' ? WRONG_SHAPE_VARIANTS : [];
    if (!allowed.includes(spec.variant as string)) return `variant must be one of ${allowed.join(', ') || '(none for this mode)'}`;
    fault.variant = spec.variant as string;
  }
  for (const key of Object.keys(fault) as Array<keyof Fault>) if (fault[key] === undefined) delete fault[key];
  return fault;
}

export class Faults {
  private current: Fault = NONE;

  set(fault: Fault): Fault {
    this.current = fault.mode === 'none' ? NONE : { ...fault };
    return this.current;
  }

  clear(): void {
    this.current = NONE;
  }

  /** The fault in force, without using it up. */
  peek(): Fault {
    return this.current;
  }

  /** The fault to apply to this request, counting it against `times`. */
  take(): Fault {
    const fault = this.current;
    if (fault.times !== undefined) {
      this.current = fault.times > 1 ? { ...fault, times: fault.times - 1 } : NONE;
    }
    return fault;
  }
}
