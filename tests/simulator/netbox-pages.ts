// NetBox 4.6's page skeleton (what the extension's content script finds and injects into)
// and the pages the simulator serves. Markup is trimmed to what matters: the <html>
// markers, the sidebar, `.page-wrapper`, and places HTMX swaps.
import type { User } from './auth';
import { escapeHtml as e } from './http';
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
<style>
  body { margin: 0; font-family: system-ui, sans-serif; }
  .page { display: flex; min-height: 100vh; }
  .navbar-vertical { width: 15rem; background: #1d273b; color: #fff; padding: 1rem; }
  .navbar-vertical a { color: #dce1e7; text-decoration: none; display: block; padding: .25rem 0; }
  .page-wrapper { flex: 1; padding: 1rem 2rem; }
  [data-bs-theme="dark"] body { background: #151f2c; color: #dce1e7; }
  table { border-collapse: collapse; } td, th { border: 1px solid #8884; padding: .25rem .5rem; text-align: left; }
  pre { white-space: pre-wrap; margin: 0; }
</style>
</head>`;
}

function sidebar(base: string): string {
  const link = (href: string, text: string) => `<a class="dropdown-item" href="${base}${href}">${text}</a>`;
  const group = (id: string, title: string, items: string) =>
    `<li class="nav-item dropdown"><a class="nav-link dropdown-toggle" href="#menu-${id}" data-bs-toggle="dropdown" role="button">${title}</a><div class="dropdown-menu" id="menu-${id}">${items}</div></li>`;
  return `<aside class="navbar navbar-vertical navbar-expand-lg" data-bs-theme="dark">
<div class="container-fluid">
<h1 class="navbar-brand"><a href="${base}/">NetBox</a></h1>
<div class="collapse navbar-collapse" id="sidebar-menu">
<ul class="navbar-nav pt-lg-3">
<li class="nav-item"><a class="nav-link" href="${base}/">Dashboard</a></li>
${group('dcim', 'Devices', link('/dcim/devices/', 'Devices'))}
${group('virtualization', 'Virtualization', link('/virtualization/virtual-machines/', 'Virtual Machines'))}
${group('proxbox', 'Proxbox', link('/plugins/proxbox/logs/', 'Backend Logs') + link('/plugins/proxbox/sync/', 'Sync'))}
</ul>
</div>
</div>
</aside>`;
}

function userMenu(frame: PageFrame): string {
  if (!frame.user) return '';
  return `<header class="navbar navbar-expand-md d-print-none">
<div class="container-fluid">
<button type="button" class="btn" id="theme-toggle">Toggle color mode</button>
<span class="nav-link" id="user-name">${e(frame.user.username)}</span>
<form action="${frame.basePath}/logout/" method="post" class="d-inline">
<input type="hidden" name="csrfmiddlewaretoken" value="${e(frame.csrfToken ?? '')}">
<button type="submit" class="btn btn-link" id="logout">Log Out</button>
</form>
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
    var button = event.target && event.target.closest ? event.target.closest('button') : null;
    if (!button) return;
    if (button.id === 'htmx-swap') swap(document.getElementById('htmx-target'), 'htmx-table-template');
    else if (button.id === 'htmx-swap-page') swap(document.querySelector('.page-wrapper'), 'htmx-page-template');
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
  return `<div class="page-header"><div class="container-fluid"><h2 class="page-title">${e(frame.title)}</h2></div></div>
<div class="page-body"><div class="container-fluid">
${body}
<div class="btn-list"><button type="button" class="btn btn-primary" id="htmx-swap">Apply filter</button> <button type="button" class="btn" id="htmx-swap-page">Reload content</button></div>
<div id="htmx-target" class="htmx-container table-responsive">${table}</div>
</div></div>
<footer class="footer">NetBox Community v${NETBOX_VERSION}</footer>`;
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
${sidebar(frame.basePath)}
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

export function table(headers: string[], rows: string[][]): string {
  const head = headers.map((h) => `<th>${e(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('\n');
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
<h1>NetBox</h1>
${error ? `<div class="alert alert-danger" role="alert" id="login-error">${e(error)}</div>` : ''}
<form action="${frame.basePath}/login/" method="post" id="login-form">
<input type="hidden" name="csrfmiddlewaretoken" value="${e(frame.csrfToken ?? '')}">
<input type="hidden" name="next" value="${e(next)}">
<label>Username <input type="text" name="username" id="id_username" autocomplete="username" required autofocus></label>
<label>Password <input type="password" name="password" id="id_password" autocomplete="current-password" required></label>
<button type="submit" class="btn btn-primary" id="login-submit">Sign In</button>
</form>
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
