// NetBox itself: login/logout with Django's session and CSRF cookies, the pages the
// extension injects into, the two REST endpoints it reads, the plugin's pages and its
// logs proxy. Every route lives under BASE_PATH.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { findUser, identify, randomToken, type User } from './auth';
import type { SimContext } from './context';
import { discoveryAnswer } from './discovery';
import { cookie, escapeHtml as e, parseCookies, readBody, redirect, send, sendHtml, sendJson } from './http';
import { parseLogQuery } from './log-query';
import {
  csrfFailurePage,
  layout,
  loginPage,
  logsTable,
  NETBOX_VERSION,
  table,
  type PageBody,
  type PageFrame,
} from './netbox-pages';
import { API_HEADERS, handleLogsProxy, PROXY_PATH } from './proxy';
import { recordedPage, renderRecordedPage, staticFile } from './real-look';

const SESSION_AGE_S = 1_209_600; // Django's two weeks
const CSRF_AGE_S = 31_449_600; // Django's one year
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Page {
  urlName: string;
  title: string;
  render(ctx: SimContext, user: User, url: URL): PageBody;
}

/** Django's redirect_to_login: the full path, '/' left as is. */
function loginUrl(base: string, fullPath: string): string {
  return `${base}/login/?next=${encodeURIComponent(fullPath).replace(/%2F/g, '/')}`;
}

/** `next` only ever points back into this NetBox (Django's url_has_allowed_host_and_scheme). */
function safeNext(base: string, next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : `${base}/`;
}

function theme(req: IncomingMessage, url: URL): 'light' | 'dark' {
  const asked = url.searchParams.get('theme');
  if (asked === 'dark' || asked === 'light') return asked;
  return parseCookies(req).get('netbox_color_mode') === 'dark' ? 'dark' : 'light';
}

const DEVICES = [
  ['pve01', 'Proxmox Node', 'dc1', 'Active'],
  ['pve02', 'Proxmox Node', 'dc1', 'Active'],
  ['pve03', 'Proxmox Node', 'dc2', 'Offline'],
  ['sw-core-1', 'Switch', 'dc1', 'Active'],
  ['fw01', 'Firewall', 'dc1', 'Active'],
];
const VMS = ['web01', 'web02', 'db01', 'cache01', 'mail', 'gitlab', 'monitoring', 'dns01'];

const PAGES: Record<string, Page> = {
  '/': {
    urlName: 'home',
    title: 'Home',
    render: () => ({
      body: '<div class="row"><div class="card"><h3>Devices</h3><p>5</p></div><div class="card"><h3>Virtual Machines</h3><p>8</p></div></div>',
      table: table(['Time', 'User', 'Action', 'Object'], [['2026-11-25 18:00', 'admin', 'Updated', 'web01']]),
      swappedTable: table(['Time', 'User', 'Action', 'Object'], [['2026-11-25 18:05', 'admin', 'Created', 'db01']]),
    }),
  },
  '/dcim/devices/': {
    urlName: 'dcim:device_list',
    title: 'Devices',
    render: () => ({
      body: '<form class="filter-form"><input type="search" name="q" placeholder="Search"></form>',
      table: table(['Name', 'Role', 'Site', 'Status'], DEVICES.map((d) => d.map(e))),
      swappedTable: table(['Name', 'Role', 'Site', 'Status'], DEVICES.filter((d) => d[1] === 'Proxmox Node').map((d) => d.map(e))),
    }),
  },
  '/virtualization/virtual-machines/': {
    urlName: 'virtualization:virtualmachine_list',
    title: 'Virtual Machines',
    render: () => {
      const rows = VMS.map((name, i) => [name, 'pve-lab', String(100 + i), i % 3 ? 'Active' : 'Offline']);
      return {
        body: '<form class="filter-form"><input type="search" name="q" placeholder="Search"></form>',
        table: table(['Name', 'Cluster', 'VMID', 'Status'], rows),
        swappedTable: table(['Name', 'Cluster', 'VMID', 'Status'], rows.filter((r) => r[3] === 'Active')),
      };
    },
  },
  '/plugins/proxbox/logs/': {
    urlName: 'plugins:netbox_proxbox:logs',
    title: 'Backend Logs',
    render: (ctx, user, url) => {
      if (!user.canViewEndpoint) {
        const denied = '<div class="alert alert-danger">You do not have permission to view FastAPI endpoints.</div>';
        return { body: '', table: denied, swappedTable: denied };
      }
      if (!ctx.endpoint.enabled) {
        const none = '<div class="alert alert-warning">No enabled FastAPIEndpoint is configured.</div>';
        return { body: '', table: none, swappedTable: none };
      }
      const params = new URLSearchParams(url.search);
      if (!params.has('limit')) params.set('limit', '50');
      const parsed = parseLogQuery(params);
      const logs = parsed.ok ? ctx.buffer.query(parsed.query).logs : [];
      const form = `<form class="filter-form" method="get">
<select name="level"><option value="">Any level</option>${['DEBUG', 'INFO', 'WARNING', 'ERROR', 'CRITICAL'].map((l) => `<option${params.get('level') === l ? ' selected' : ''}>${l}</option>`).join('')}</select>
<input type="text" name="operation_id" placeholder="Operation ID" value="${e(params.get('operation_id') ?? '')}">
<button type="submit" class="btn">Filter</button></form>`;
      const rendered = parsed.ok
        ? logsTable(ctx.basePath, logs)
        : `<div class="alert alert-danger">Invalid filter: ${e(parsed.detail.map((d) => d.msg).join('; '))}</div>`;
      return { body: form, table: rendered, swappedTable: logsTable(ctx.basePath, logs.slice(0, 10)) };
    },
  },
  '/plugins/proxbox/sync/': {
    urlName: 'plugins:netbox_proxbox:sync_list',
    title: 'Sync',
    render: (ctx) => {
      const seen = new Map<string, { operation: string | null; last: string }>();
      for (const entry of ctx.buffer.query({ ...NO_FILTERS, limit: 5000, offset: 0 }).logs) {
        if (entry.operation_id && !seen.has(entry.operation_id)) seen.set(entry.operation_id, { operation: entry.operation, last: entry.timestamp });
        if (seen.size >= 25) break;
      }
      const rows = [...seen].map(([id, s]) => [
        `<a href="${ctx.basePath}/plugins/proxbox/sync/${id}/">${e(id)}</a>`,
        e(s.operation ?? ''),
        e(s.last),
      ]);
      const list = rows.length ? table(['Operation ID', 'Operation', 'Last entry'], rows) : '<p id="no-syncs">No sync jobs yet.</p>';
      return { body: '', table: list, swappedTable: list };
    },
  },
};

const NO_FILTERS = { level: null, errorsOnly: null, operationId: null, newerThanId: null, olderThanId: null, since: null };

function syncJobPage(id: string): Page {
  return {
    urlName: 'plugins:netbox_proxbox:sync_job',
    title: `Sync job ${id}`,
    render: (ctx) => {
      const logs = ctx.buffer.query({ ...NO_FILTERS, operationId: id, limit: 100, offset: 0 }).logs;
      const operation = logs.find((l) => l.operation)?.operation ?? 'sync';
      return {
        body: `<dl class="sync-job"><dt>Operation</dt><dd>${e(operation)}</dd><dt>Operation ID</dt><dd><code class="operation-id" data-operation-id="${e(id)}">${e(id)}</code></dd></dl>`,
        table: logsTable(ctx.basePath, logs),
        swappedTable: logsTable(ctx.basePath, logs.slice(0, 10)),
      };
    },
  };
}

function notFoundPage(): Page {
  return {
    urlName: '',
    title: 'Page Not Found',
    render: () => {
      const text = '<p class="not-found">The requested page does not exist.</p>';
      return { body: '', table: text, swappedTable: text };
    },
  };
}

function frame(ctx: SimContext, req: IncomingMessage, url: URL, page: Pick<Page, 'urlName' | 'title'>, user?: User): PageFrame {
  return { basePath: ctx.basePath, urlName: page.urlName, title: page.title, theme: theme(req, url), user, csrfToken: parseCookies(req).get('csrftoken') };
}

/** Paths every NetBox route is matched against, relative to BASE_PATH; null outside it. */
function localPath(ctx: SimContext, pathname: string): string | null {
  if (!ctx.basePath) return pathname;
  if (pathname === ctx.basePath) return '/';
  return pathname.startsWith(`${ctx.basePath}/`) ? pathname.slice(ctx.basePath.length) : null;
}

function isKnownRoute(path: string): boolean {
  return (
    path in PAGES ||
    path === '/login/' ||
    path === '/logout/' ||
    path === '/api/status/' ||
    path === '/api/authentication-check/' ||
    path === PROXY_PATH ||
    /^\/plugins\/proxbox\/sync\/[^/]+\/$/.test(path)
  );
}

export async function handleNetbox(ctx: SimContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://netbox');
  const path = localPath(ctx, url.pathname);
  const asset = path?.startsWith('/static/') && ctx.look === 'real' ? staticFile(path.slice('/static/'.length)) : null;
  if (asset) {
    send(res, 200, asset.body, { 'Content-Type': asset.type });
    return;
  }
  if (path === null || path === '/favicon.ico' || path.startsWith('/static/')) {
    sendHtml(res, 404, '<!DOCTYPE html><html><body><h1>Not Found</h1></body></html>');
    return;
  }
  // Django's APPEND_SLASH.
  if (!path.endsWith('/') && isKnownRoute(`${path}/`)) {
    redirect(res, `${ctx.basePath}${path}/${url.search}`, {}, 301);
    return;
  }
  if (path === '/login/') return login(ctx, req, res, url);
  if (path === '/logout/') return logout(ctx, req, res);
  if (path.startsWith('/api/')) return api(ctx, req, res, url, path);

  const who = identify(req, ctx.sessions, ctx.tokens, false);
  if (who.kind !== 'user') {
    redirect(res, loginUrl(ctx.basePath, url.pathname + url.search));
    return;
  }
  const recorded = ctx.look === 'real' ? realPage(ctx, req, path, who.user) : null;
  if (recorded) {
    sendHtml(res, 200, recorded);
    return;
  }
  const job = /^\/plugins\/proxbox\/sync\/([^/]+)\/$/.exec(path);
  const page = PAGES[path] ?? (job && UUID.test(job[1]!) ? syncJobPage(job[1]!.toLowerCase()) : null);
  const shown = page ?? notFoundPage();
  sendHtml(res, page ? 200 : 404, layout(frame(ctx, req, url, shown, who.user), shown.render(ctx, who.user, url)));
}

/**
 * `/api/status/`: with the released plugin, shaped like tests/fixtures/recorded/netbox/api-status.json
 * (NetBox's version kept as the pages say); the proxy world keeps its older, smaller answer.
 */
function apiStatus(ctx: SimContext): Record<string, unknown> {
  if (ctx.plugin === 'proxy') {
    return {
      'django-version': '5.2.1',
      'installed-apps': {},
      'netbox-version': NETBOX_VERSION,
      plugins: { netbox_proxbox: '0.0.24' },
      'python-version': '3.12.3',
      'rq-workers-running': 1,
    };
  }
  return {
    'django-version': '5.2.17',
    hostname: 'netbox',
    installed_apps: { django_filters: '25.2', django_rq: '4.1.0', django_tables2: '2.8.0', rest_framework: '3.16.1', taggit: '6.1.0' },
    'netbox-version': NETBOX_VERSION,
    'netbox-full-version': NETBOX_VERSION,
    plugins: { netbox_proxbox: '0.0.24' },
    'python-version': '3.11.7',
    'rq-workers-running': 0,
  };
}

/** The recorded NetBox 4.5 page for a route, when there is one (look 'real'). */
function realPage(ctx: SimContext, req: IncomingMessage, path: string, user: User): string | null {
  const name = path === '/dcim/devices/' ? (req.headers['hx-request'] === 'true' ? 'devices-htmx' : 'devices') : path === '/plugins/proxbox/logs/' ? 'pluginlogs' : null;
  const html = name && recordedPage(name);
  if (!html) return null;
  const csrfToken = parseCookies(req).get('csrftoken') ?? randomToken(32);
  return renderRecordedPage(html, { basePath: ctx.basePath, user, csrfToken, ...(name === 'pluginlogs' ? { discovery: discoveryAnswer(ctx, user) } : {}) });
}

function api(ctx: SimContext, req: IncomingMessage, res: ServerResponse, url: URL, path: string): void {
  const json = (status: number, value: unknown) => sendJson(res, status, value, API_HEADERS);
  const who = identify(req, ctx.sessions, ctx.tokens, true);
  if (who.kind === 'bad-token') return json(403, { detail: 'Invalid token' });
  if (who.kind === 'anonymous') return json(403, { detail: 'Authentication credentials were not provided.' });
  if (!isKnownRoute(path)) return json(404, { detail: 'Not found.' });
  if (req.method !== 'GET' && req.method !== 'HEAD') return json(405, { detail: `Method "${req.method}" not allowed.` });
  const user = who.user;
  if (path === '/api/status/') return json(200, apiStatus(ctx));
  if (path === '/api/authentication-check/') {
    const origin = `http://${req.headers.host ?? '127.0.0.1'}${ctx.basePath}`;
    return json(200, {
      id: user.id,
      url: `${origin}/api/users/users/${user.id}/`,
      display_url: `${origin}/users/users/${user.id}/`,
      display: user.username,
      username: user.username,
      first_name: '',
      last_name: '',
      email: `${user.username}@example.com`,
      is_staff: user.isSuperuser,
      is_active: true,
      date_joined: '2026-01-05T09:00:00.000000Z',
      last_login: null,
      groups: [],
      permissions: [],
    });
  }
  if (path === PROXY_PATH) return handleLogsProxy(ctx, user, url.searchParams, res);
  json(404, { detail: 'Not found.' });
}

async function login(ctx: SimContext, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const cookiePath = ctx.basePath || '/';
  const page = { urlName: 'login', title: 'Login' };
  if (req.method === 'POST') {
    const form = new URLSearchParams(await readBody(req));
    const cookieToken = parseCookies(req).get('csrftoken');
    const formToken = form.get('csrfmiddlewaretoken') ?? req.headers['x-csrftoken'];
    if (!cookieToken) {
      sendHtml(res, 403, csrfFailurePage('CSRF cookie not set.'));
      return;
    }
    if (formToken !== cookieToken) {
      sendHtml(res, 403, csrfFailurePage('CSRF token incorrect.'));
      return;
    }
    const next = form.get('next') ?? url.searchParams.get('next');
    const user = findUser(form.get('username') ?? '', form.get('password') ?? '');
    if (!user) {
      const f = { ...frame(ctx, req, url, page), csrfToken: cookieToken };
      const error = 'Please enter a correct username and password. Note that both fields may be case-sensitive.';
      sendHtml(res, 200, loginPage(f, next ?? '', error));
      return;
    }
    const previous = parseCookies(req).get('sessionid');
    ctx.sessions.delete(previous);
    const session = ctx.sessions.create(user);
    // Django rotates the CSRF secret on login.
    redirect(res, safeNext(ctx.basePath, next), {
      'Set-Cookie': [
        cookie('csrftoken', randomToken(32), { path: cookiePath, maxAge: CSRF_AGE_S }),
        cookie('sessionid', session, { path: cookiePath, maxAge: SESSION_AGE_S, httpOnly: true }),
      ],
    });
    return;
  }
  const token = parseCookies(req).get('csrftoken') ?? randomToken(32);
  const f = { ...frame(ctx, req, url, page), csrfToken: token };
  const recorded = ctx.look === 'real' ? recordedPage('login') : null;
  const next = url.searchParams.get('next');
  // NetBox's form carries `next` as a hidden field when the page was asked with one (the recording was not).
  const html = recorded
    ? renderRecordedPage(recorded, { basePath: ctx.basePath, csrfToken: token }).replace(
        /<input type="hidden" name="csrfmiddlewaretoken"[^>]*>/,
        (field) => (next === null ? field : `${field}\n              <input type="hidden" name="next" value="${e(next)}">`),
      )
    : loginPage(f, next ?? '');
  sendHtml(res, 200, html, {
    'Set-Cookie': cookie('csrftoken', token, { path: cookiePath, maxAge: CSRF_AGE_S }),
  });
}

function logout(ctx: SimContext, req: IncomingMessage, res: ServerResponse): void {
  ctx.sessions.delete(parseCookies(req).get('sessionid'));
  redirect(res, `${ctx.basePath}/login/`, {
    'Set-Cookie': `sessionid=""; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=${ctx.basePath || '/'}; SameSite=Lax`,
  });
}

