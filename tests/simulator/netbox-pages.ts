// NetBox 4.6's page skeleton (what the extension's content script finds and injects into)
// and the pages the simulator serves. Markup is trimmed to what matters: the <html>
// markers, the sidebar, `.page-wrapper`, and places HTMX swaps.
import type { User } from './auth';
import { escapeHtml as e } from './http';
import { NETBOX_CSS } from './netbox-style';
import type { WireLogEntry } from './types';

export const NETBOX_VERSION = '4.6.8';

export interface PageFrame {
  basePath: string;
  urlName: string;
  title: string;
  theme: 'light' | 'dark';
  user?: User;
  csrfToken?: string;
}

function htmlOpen(frame: PageFrame): string {
  const userAttrs = frame.user
    ? ` data-netbox-user-name="${e(frame.user.username)}" data-netbox-user-id="${frame.user.id}"`
    : '';
  return `<!DOCTYPE html>
<html lang="en" data-netbox-version="${NETBOX_VERSION}" data-netbox-url-name="${e(frame.urlName)}" data-bs-theme="${frame.theme}"${userAttrs}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(frame.title)} | NetBox</title>
<style>${NETBOX_CSS}</style>
</head>`;
}

/** NetBox's navigation menu (a trimmed selection), then the Proxbox plugin's own menu. */
const MENU: [string, string, [string, [string, string][]][]][] = [
  ['organization', 'Organization', [['Sites', [['Sites', '/dcim/sites/'], ['Regions', '/dcim/regions/']]], ['Tenancy', [['Tenants', '/tenancy/tenants/']]]]],
  ['dcim', 'Devices', [['Devices', [['Devices', '/dcim/devices/'], ['Device Roles', '/dcim/device-roles/'], ['Platforms', '/dcim/platforms/']]]]],
  ['ipam', 'IPAM', [['IP Addresses', [['IP Addresses', '/ipam/ip-addresses/'], ['Prefixes', '/ipam/prefixes/']]]]],
  ['virtualization', 'Virtualization', [
    ['Virtual Machines', [['Virtual Machines', '/virtualization/virtual-machines/'], ['Interfaces', '/virtualization/interfaces/']]],
    ['Clusters', [['Clusters', '/virtualization/clusters/']]],
  ]],
  ['operations', 'Operations', [['Jobs', [['Jobs', '/core/jobs/']]]]],
  ['proxbox', 'Proxbox', [
    ['Proxmox Plugin', [['Backend Logs', '/plugins/proxbox/logs/'], ['Sync', '/plugins/proxbox/sync/']]],
    ['Endpoints', [['ProxBox API (FastAPI)', '/plugins/proxbox/endpoints/fastapi/']]],
  ]],
];

/** The menu item a page belongs to (highlighted, its menu open), by URL name. */
const ACTIVE: Record<string, string> = {
  'dcim:device_list': '/dcim/devices/',
  'virtualization:virtualmachine_list': '/virtualization/virtual-machines/',
  'plugins:netbox_proxbox:logs': '/plugins/proxbox/logs/',
  'plugins:netbox_proxbox:sync_list': '/plugins/proxbox/sync/',
  'plugins:netbox_proxbox:sync_job': '/plugins/proxbox/sync/',
};

function sidebar(base: string, urlName: string): string {
  const current = ACTIVE[urlName];
  const menus = MENU.map(([id, title, groups]) => {
    const open = groups.some(([, items]) => items.some(([, href]) => href === current));
    const body = groups
      .map(([label, items]) => `<div class="nav-group-label">${label}</div>${items
        .map(([text, href]) => `<div class="dropdown-item${href === current ? ' active' : ''}"><a class="d-inline-flex" href="${base}${href}">${text}</a></div>`)
        .join('')}`)
      .join('');
    return `<li class="nav-item dropdown${open ? ' show active' : ''}"><a class="nav-link dropdown-toggle" href="#menu-${id}" data-bs-toggle="dropdown" role="button" aria-expanded="${open}"><span class="nav-link-title">${title}</span></a><div class="dropdown-menu" id="menu-${id}">${body}</div></li>`;
  }).join('\n');
  return `<aside class="navbar navbar-vertical navbar-expand-lg" data-bs-theme="dark">
<div class="container-fluid">
<button class="navbar-toggler" type="button" aria-controls="sidebar-menu" aria-expanded="false" aria-label="Toggle navigation">&#9776;</button>
<h1 class="navbar-brand navbar-brand-autodark"><a href="${base}/">NetBox</a></h1>
<div class="collapse navbar-collapse" id="sidebar-menu">
<ul class="navbar-nav pt-lg-2">
${menus}
</ul>
</div>
</div>
</aside>`;
}

const ICON = (paths: string, cls = '') =>
  `<svg xmlns="http://www.w3.org/2000/svg" class="icon${cls}" width="20" height="20" viewBox="0 0 24 24" stroke-width="2" stroke="currentColor" fill="none" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true">${paths}</svg>`;
const MOON = ICON('<path d="M12 3c.132 0 .263 0 .393 0a7.5 7.5 0 0 0 7.92 12.446a9 9 0 1 1 -8.313 -12.454z"/>', ' hide-theme-dark');
const SUN = ICON('<path d="M12 12m-4 0a4 4 0 1 0 8 0a4 4 0 1 0 -8 0"/><path d="M3 12h1m8 -9v1m8 8h1m-9 8v1m-6.4 -15.4l.7 .7m12.1 -.7l-.7 .7m0 11.4l.7 .7m-12.1 -.7l-.7 .7"/>', ' hide-theme-light');
const SEARCH = ICON('<path d="M10 10m-7 0a7 7 0 1 0 14 0a7 7 0 1 0 -14 0"/><path d="M21 21l-6 -6"/>');

function userMenu(frame: PageFrame): string {
  if (!frame.user) return '';
  return `<header class="navbar navbar-expand-md d-print-none">
<div class="container-fluid">
<form class="navbar-search" action="${frame.basePath}/search/" method="get" autocomplete="off" role="search">${SEARCH}<input type="text" name="q" class="form-control" placeholder="Search…" aria-label="Search NetBox"></form>
<div class="navbar-tools">
<button type="button" class="nav-icon" id="theme-toggle" title="Toggle color mode" aria-label="Toggle color mode">${MOON}${SUN}</button>
<div class="user-block"><div class="nav-link" id="user-name">${e(frame.user.username)}</div><div class="small">${frame.user.isSuperuser ? 'Staff' : 'User'}</div></div>
<form action="${frame.basePath}/logout/" method="post" class="d-inline">
<input type="hidden" name="csrfmiddlewaretoken" value="${e(frame.csrfToken ?? '')}">
<button type="submit" class="btn btn-link" id="logout">Log Out</button>
</form>
</div>
</div>
</header>`;
}

/**
 * The script standing in for HTMX: #htmx-swap replaces #htmx-target's contents (a table
 * refresh), #htmx-swap-page replaces everything in .page-wrapper (a boosted navigation),
 * each from a <template>, firing htmx:afterSwap like HTMX does. #theme-toggle flips
 * data-bs-theme and its cookie, as NetBox's own toggle does.
 */
function script(base: string): string {
  return `<script>
(function () {
  function swap(target, templateId) {
    var template = document.getElementById(templateId);
    if (!target || !template) return;
    target.innerHTML = template.innerHTML;
    target.dispatchEvent(new CustomEvent('htmx:afterSwap', { bubbles: true, detail: { target: target } }));
  }
  document.addEventListener('click', function (event) {
    var menu = event.target && event.target.closest ? event.target.closest('.navbar-vertical .dropdown-toggle') : null;
    if (menu) {
      event.preventDefault();
      menu.setAttribute('aria-expanded', String(menu.parentNode.classList.toggle('show')));
      return;
    }
    var button = event.target && event.target.closest ? event.target.closest('button') : null;
    if (!button) return;
    if (button.id === 'htmx-swap') swap(document.getElementById('htmx-target'), 'htmx-table-template');
    else if (button.id === 'htmx-swap-page') swap(document.querySelector('.page-wrapper'), 'htmx-page-template');
    else if (button.classList.contains('navbar-toggler')) document.getElementById('sidebar-menu').classList.toggle('show');
    else if (button.id === 'theme-toggle') {
      var dark = document.documentElement.getAttribute('data-bs-theme') !== 'dark';
      document.documentElement.setAttribute('data-bs-theme', dark ? 'dark' : 'light');
      document.cookie = 'netbox_color_mode=' + (dark ? 'dark' : 'light') + '; path=${base || '/'}; SameSite=Lax';
    }
  });
})();
</script>`;
}

/** Content of .page-wrapper: header, swap buttons, the swappable container, footer. */
function pageContent(frame: PageFrame, body: string, table: string): string {
  return `<div class="page-header d-print-none"><div class="container-fluid">
<h2 class="page-title">${e(frame.title)}</h2>
<div class="btn-list"><button type="button" class="btn btn-primary" id="htmx-swap">Apply filter</button> <button type="button" class="btn" id="htmx-swap-page">Reload content</button></div>
</div></div>
<div class="page-body"><div class="container-fluid">
${body}
<div class="card"><div id="htmx-target" class="htmx-container table-responsive">${table}</div></div>
</div></div>
<footer class="footer footer-transparent d-print-none"><div class="container-fluid"><span>NetBox Community v${NETBOX_VERSION}</span></div></footer>`;
}

export interface PageBody {
  /** HTML above the swappable table. */
  body: string;
  /** The table as first served, and as an "Apply filter" swap returns it. */
  table: string;
  swappedTable: string;
}

export function layout(frame: PageFrame, page: PageBody): string {
  const content = pageContent(frame, page.body, page.table);
  return `${htmlOpen(frame)}
<body>
<div class="page">
${sidebar(frame.basePath, frame.urlName)}
<div class="page-wrapper">
${userMenu(frame)}
${content}
</div>
</div>
<template id="htmx-table-template">${page.swappedTable}</template>
<template id="htmx-page-template">${userMenu(frame)}${pageContent(frame, page.body, page.swappedTable)}</template>
${script(frame.basePath)}
</body>
</html>`;
}

/** NetBox shows an object's status as a coloured badge. */
const STATUS_COLORS: Record<string, string> = { Active: 'green', Offline: 'secondary' };
const status = (cell: string) => (STATUS_COLORS[cell] ? `<span class="badge text-bg-${STATUS_COLORS[cell]}">${cell}</span>` : cell);

export function table(headers: string[], rows: string[][]): string {
  const head = headers.map((h) => `<th>${e(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${status(c)}</td>`).join('')}</tr>`).join('\n');
  return `<table class="table table-hover object-list"><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

export function logsTable(base: string, logs: WireLogEntry[]): string {
  if (!logs.length) return '<p class="text-muted" id="no-logs">No log entries.</p>';
  return table(
    ['ID', 'Time', 'Level', 'Module', 'Message', 'Operation'],
    logs.map((l) => [
      e(l.id),
      e(l.timestamp),
      `<span class="badge level-${e(l.level.toLowerCase())}">${e(l.level)}</span>`,
      e(l.module),
      `<pre>${e(l.message)}</pre>${l.expandable?.traceback ? `<details><summary>Traceback</summary><pre>${e(l.expandable.traceback)}</pre></details>` : ''}`,
      l.operation_id
        ? `<a href="${base}/plugins/proxbox/sync/${encodeURIComponent(l.operation_id)}/">${e(l.operation ?? l.operation_id)}</a>`
        : '',
    ]),
  );
}

export function loginPage(frame: PageFrame, next: string, error?: string): string {
  return `${htmlOpen(frame)}
<body class="login">
<div class="page page-center">
<div class="container container-tight py-4">
<div class="login-logo"><h1 class="navbar-brand navbar-brand-autodark"><a href="${frame.basePath}/">NetBox</a></h1></div>
<div class="card card-md"><div class="card-body">
<h2 class="card-title">Log In</h2>
${error ? `<div class="alert alert-danger" role="alert" id="login-error">${e(error)}</div>` : ''}
<form action="${frame.basePath}/login/" method="post" id="login-form">
<input type="hidden" name="csrfmiddlewaretoken" value="${e(frame.csrfToken ?? '')}">
<input type="hidden" name="next" value="${e(next)}">
<div class="mb-3"><label class="form-label" for="id_username">Username</label><input type="text" name="username" id="id_username" class="form-control" placeholder="Username" autocomplete="username" required autofocus></div>
<div class="mb-3"><label class="form-label" for="id_password">Password</label><input type="password" name="password" id="id_password" class="form-control" placeholder="Password" autocomplete="current-password" required></div>
<div class="form-footer"><button type="submit" class="btn btn-primary w-100" id="login-submit">Sign In</button></div>
</form>
</div></div>
<div class="login-footer">NetBox Community v${NETBOX_VERSION}</div>
</div>
</div>
</body>
</html>`;
}

/** Django's CSRF failure page. */
export function csrfFailurePage(reason: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>403 Forbidden</title></head>
<body>
<div id="summary"><h1>Forbidden <span>(403)</span></h1><p>CSRF verification failed. Request aborted.</p></div>
<div id="info"><p>Reason given for failure:</p><pre>    ${e(reason)}</pre></div>
</body>
</html>`;
}
