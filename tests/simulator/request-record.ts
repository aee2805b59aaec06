// Every request the simulator served (except its own /__sim/ control calls), so tests can
// assert how the extension behaves on the wire: how often it polls, with which query,
// whether it sent the session, how much it downloaded. Capped: the oldest go first.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseCookies } from './http';

export const DEFAULT_RECORD_CAP = 20_000;

export interface RequestRecord {
  seq: number;
  server: 'netbox' | 'backend';
  method: string;
  /** Path and query as requested. */
  path: string;
  /** ISO time the request arrived. */
  time: string;
  /** Whether it carried a `sessionid` cookie (valid or not). */
  session: boolean;
  /** Null while the answer has not started (a held request) or when none was sent. */
  status: number | null;
  /** Body bytes sent. */
  bytes: number;
  /** Null while still open. */
  durationMs: number | null;
  /** Backend requests only: the X-Proxbox-API-Key sent, compared with the backend's. */
  key?: 'none' | 'valid' | 'invalid';
}

export class RequestRecorder {
  private records: RequestRecord[] = [];
  private seq = 0;

  constructor(private readonly cap = DEFAULT_RECORD_CAP) {}

  /** Records a request and keeps its status, size and duration up to date as it answers. */
  track(server: RequestRecord['server'], req: IncomingMessage, res: ServerResponse, key?: RequestRecord['key']): void {
    const started = performance.now();
    const record: RequestRecord = {
      seq: ++this.seq,
      server,
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      time: new Date().toISOString(),
      session: parseCookies(req).has('sessionid'),
      status: null,
      bytes: 0,
      durationMs: null,
      ...(key ? { key } : {}),
    };
    this.records.push(record);
    if (this.records.length > this.cap * 1.5) this.records = this.records.slice(-this.cap);

    const count = (chunk: unknown) => {
      if (typeof chunk === 'string') record.bytes += Buffer.byteLength(chunk);
      else if (chunk instanceof Uint8Array) record.bytes += chunk.length;
    };
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      count(chunk);
      record.status = res.statusCode;
      return write(chunk, ...rest);
    }) as ServerResponse['write'];
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      if (typeof chunk !== 'function') count(chunk);
      record.status = res.statusCode;
      return end(chunk, ...rest);
    }) as ServerResponse['end'];
    res.on('close', () => {
      if (res.headersSent) record.status = res.statusCode;
      record.durationMs = Math.round(performance.now() - started);
    });
  }

  /** The newest `cap` records, oldest first; only those after `afterSeq` when given. */
  list(afterSeq = 0): RequestRecord[] {
    const kept = this.records.length > this.cap ? this.records.slice(-this.cap) : this.records;
    return afterSeq ? kept.filter((r) => r.seq > afterSeq) : [...kept];
  }

  clear(): void {
    this.records = [];
  }
}
