// `look: 'real'`: the pages recorded from NetBox 4.5 with the released plugin
// (tests/fixtures/recorded/netbox/*.html, read at run time) instead of the simulator's own,
// with the static files they load: a faithful /static/setmode.js (the colour mode is not in
// the served HTML), @tabler/core's CSS as the stand-in for netbox.css (NetBox builds its CSS
// on Tabler), and a small netbox.js for the colour-mode toggle. Routes without a recording
// keep the simulator's pages; a recording missing from the repository is an error, never a
// quiet fallback to the simulator's markup.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { REAL_NETBOX } from '../fixtures/real-recordings';
import type { User } from './auth';
import type { DiscoveryAnswer } from './discovery';
import { NETBOX_CSS } from './netbox-style';
import { NETBOX_VERSION } from './netbox-pages';

export type Look = 'sim' | 'real';

const RECORDED_VERSION = '4.5.10';

export type RecordedPage = 'login' | 'devices' | 'devices-htmx' | 'pluginlogs';

/** The recorded page as stored (throws when the file is missing). */
export function recordedPage(name: RecordedPage): string {
  return readFileSync(path.join(REAL_NETBOX, `${name}.html`), 'utf8');
}

export interface RealPageContext {
  basePath: string;
  user?: User;
  csrfToken: string;
  /** For the plugin's page: the backend's URLs as discovery names them. */
  discovery?: DiscoveryAnswer;
}

/** A recorded page made this simulator's: its version, user, CSRF token, BASE_PATH and backend. */
export function renderRecordedPage(html: string, ctx: RealPageContext): string {
  let out = html
    .replaceAll(`data-netbox-version="${RECORDED_VERSION}"`, `data-netbox-version="${NETBOX_VERSION}"`)
    .replaceAll(`?v=${RECORDED_VERSION}`, `?v=${NETBOX_VERSION}`)
    .replaceAll('"REDACTED"', `"${ctx.csrfToken}"`); // window.CSRF_TOKEN and the login form's field
  if (ctx.user) {
    out = out
      .replace(/data-netbox-user-name="[^"]*"/, `data-netbox-user-name="${ctx.user.username}"`)
      .replace(/data-netbox-user-id="[^"]*"/, `data-netbox-user-id="${ctx.user.id}"`);
  }
  if (ctx.discovery) {
    const d = ctx.discovery;
    out = out
      .replace(/logsApiUrl: "[^"]*"/, `logsApiUrl: ${JSON.stringify(d.logs_api_url)}`)
      .replace(/sseStreamUrl: "[^"]*"/, `sseStreamUrl: ${JSON.stringify(d.sse_stream_url)}`)
      .replace(/fastapiUrl: "[^"]*"/, `fastapiUrl: ${JSON.stringify(d.fastapi_url)}`);
  }
  // Site-absolute URLs move under BASE_PATH, as NetBox renders them there.
  if (ctx.basePath) {
    out = out
      .replace(/\b(href|src|action|hx-get|hx-post|data-url)="\/(?!\/)/g, `$1="${ctx.basePath}/`)
      .replace(/window\.location='\/(?!\/)/g, `window.location='${ctx.basePath}/`)
      .replace(/(saveLogPathUrl: ")\/(?!\/)/, `$1${ctx.basePath}/`);
  }
  return out;
}

/**
 * NetBox's setmode.js, behaviour for behaviour: the stored `netbox-color-mode`, else the
 * browser's preferred scheme, else light, set as `data-bs-theme` on <html> and stored. The
 * page calls initMode() from <head>.
 */
const SETMODE_JS = `function setMode(mode) {
  document.documentElement.setAttribute("data-bs-theme", mode);
  localStorage.setItem("netbox-color-mode", mode);
}
function initMode() {
  try {
    var stored = localStorage.getItem("netbox-color-mode");
    if (stored !== null) return setMode(stored);
    if (window.matchMedia("(prefers-color-scheme: dark)").matches) return setMode("dark");
    if (window.matchMedia("(prefers-color-scheme: light)").matches) return setMode("light");
  } catch (error) {
    console.error(error);
  }
  return setMode("light");
}
`;

/** The part of netbox.js the pages need here: the colour-mode toggle and its event. */
const NETBOX_JS = `document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll(".color-mode-toggle").forEach(function (button) {
    button.addEventListener("click", function () {
      var next = document.documentElement.getAttribute("data-bs-theme") === "dark" ? "light" : "dark";
      setMode(next);
      window.dispatchEvent(new CustomEvent("netbox.colorModeChanged", { detail: { netboxColorMode: next } }));
    });
  });
});
`;

let tablerCss: string | null | undefined;

/** @tabler/core's CSS, or the simulator's own when the package is not installed. */
function netboxCss(): string {
  if (tablerCss === undefined) {
    try {
      tablerCss = readFileSync(createRequire(import.meta.url).resolve('@tabler/core/dist/css/tabler.min.css'), 'utf8');
    } catch {
      tablerCss = null;
    }
  }
  return tablerCss ?? NETBOX_CSS;
}

/** A static file the recorded pages load (path below /static/), or null: 404. */
export function staticFile(name: string): { type: string; body: string } | null {
  switch (name) {
    case 'setmode.js':
      return { type: 'text/javascript; charset=utf-8', body: SETMODE_JS };
    case 'netbox.js':
      return { type: 'text/javascript; charset=utf-8', body: NETBOX_JS };
    case 'netbox.css':
      return { type: 'text/css; charset=utf-8', body: netboxCss() };
    case 'netbox-external.css':
      return { type: 'text/css; charset=utf-8', body: '' };
    default:
      return null;
  }
}
