// Small node:http helpers shared by the NetBox, proxy, backend and control handlers.
import type { IncomingMessage, ServerResponse } from 'node:http';

export type Headers = Record<string, string | number | string[]>;

export function send(res: ServerResponse, status: number, body: string | Buffer, headers: Headers = {}): void {
  if (res.headersSent || res.destroyed) return;
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  res.writeHead(status, { 'Content-Length': bytes.length, ...headers });
  res.end(bytes);
}

export function sendJson(res: ServerResponse, status: number, value: unknown, headers: Headers = {}): void {
  send(res, status, JSON.stringify(value), { 'Content-Type': 'application/json', ...headers });
}

export function sendHtml(res: ServerResponse, status: number, html: string, headers: Headers = {}): void {
  send(res, status, html, { 'Content-Type': 'text/html; charset=utf-8', ...headers });
}

export function redirect(res: ServerResponse, location: string, headers: Headers = {}, status = 302): void {
  send(res, status, '', { Location: location, ...headers });
}

export function parseCookies(req: IncomingMessage): Map<string, string> {
  const jar = new Map<string, string>();
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    if (!jar.has(name)) jar.set(name, decodeURIComponent(part.slice(eq + 1).trim().replace(/^"|"$/g, '')));
  }
  return jar;
}

/** A Set-Cookie value as Django writes it. */
export function cookie(
  name: string,
  value: string,
  options: { path: string; httpOnly?: boolean; maxAge?: number; sameSite?: 'Lax' | 'Strict' },
): string {
  const parts = [`${name}=${value}`, `Path=${options.path}`, `SameSite=${options.sameSite ?? 'Lax'}`];
  if (options.maxAge !== undefined) {
    parts.push(`Max-Age=${options.maxAge}`, `expires=${new Date(Date.now() + options.maxAge * 1000).toUTCString()}`);
  }
  if (options.httpOnly) parts.push('HttpOnly');
  return parts.join('; ');
}

const MAX_BODY = 8 * 1024 * 1024;

/** The request body as text; rejects past 8 MB so a runaway test cannot exhaust memory. */
export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new Error('body too large'));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;' };

/** Django's escape(). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}
