import { DEFAULT_RETRY_AFTER_MS } from './cadence';
import type { Failure, FailureKind } from './failure';
import { BACKEND_DOCS_PATH } from './backend-api';
import { CERTIFICATE_PROBLEM_WORDS } from './network-error';

export interface FailureContext {
  /** "netbox.example.com" */
  instanceLabel: string;
  /** Base URL of the NetBox instance, for links to its login page / plugin pages. */
  baseUrl: string;
}

export type FailureAction =
  | { kind: 'link'; label: string; href: string }
  | { kind: 'retry'; label: string }
  /**
   * The user must type a key or an address: only into an extension page (keystrokes in a
   * web page reach its scripts). The side panel shows its form; the page panel opens the
   * options page at this instance.
   */
  | { kind: 'connect'; label: string }
  /**
   * The browser must be told to trust the backend's certificate: the side panel and the
   * options page open `href` (the backend's /docs, where the browser shows its warning)
   * in a new tab; the page panel opens the options page at this instance.
   */
  | { kind: 'accept-certificate'; label: string; href: string };

export interface FailureMessage {
  /** Short heading, e.g. "Not logged in to NetBox". */
  title: string;
  /** One plain sentence (or two) saying what happened and what to do. */
  sentence: string;
  action?: FailureAction;
  /** Only the user can end it (a key or an address to enter): no retry countdown is shown. */
  waitsForUser?: true;
}

/** Where NetBox's own Backend Logs page lives, relative to the base URL. */
export const PLUGIN_LOGS_PAGE = '/plugins/proxbox/logs/';
export const PLUGIN_FASTAPI_ENDPOINTS_PAGE = '/plugins/proxbox/endpoints/fastapi/';

// Kept importable from here for components/options/InstanceCheck.tsx (the lead's file).
export { formatClockTime } from './format-time';

function trimBase(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, '');
}

/** NetBox's BASE_PATH ("/netbox" or ""), which `next=` must include. */
function basePath(baseUrl: string): string {
  try {
    return new URL(baseUrl).pathname.replace(/\/+$/, '');
  } catch {
    return '';
  }
}

/** The login page, coming back to the plugin's logs page afterwards. */
export function loginUrl(baseUrl: string): string {
  return `${trimBase(baseUrl)}/login/?next=${encodeURI(basePath(baseUrl) + PLUGIN_LOGS_PAGE)}`;
}

function seconds(ms: number | undefined): number {
  return Math.max(1, Math.ceil((ms ?? DEFAULT_RETRY_AFTER_MS) / 1000));
}

const RETRY_NOW: FailureAction = { kind: 'retry', label: 'Retry now' };
export const ENTER_KEY: FailureAction = { kind: 'connect', label: 'Enter backend API key' };
const SET_ADDRESS: FailureAction = { kind: 'connect', label: 'Set the backend address' };

/** The backend in a sentence; the failure names the address it was read from. */
function backend(f: Failure): string {
  const host = (f.backendUrl ?? '').replace(/^https?:\/\//, '').replace(/\/+$/, '');
  return host ? `proxbox-api at ${host}` : 'proxbox-api';
}
const TRY_AGAIN: FailureAction = { kind: 'retry', label: 'Try again' };

/** The control that takes the user to the browser's certificate warning for this backend. */
export function acceptCertificate(backendUrl: string): FailureAction {
  return { kind: 'accept-certificate', label: "Accept the backend's certificate", href: trimBase(backendUrl) + BACKEND_DOCS_PATH };
}

type Describe = (failure: Failure, ctx: FailureContext) => FailureMessage;

/**
 * The panel's table: every FailureKind to what the user reads and can do. A Record, so a
 * new kind is a compile error until it says something here.
 */
const MESSAGES: Record<FailureKind, Describe> = {
  'logged-out': (_f, ctx) => ({
    title: 'Not logged in to NetBox',
    sentence: `Log in to ${ctx.instanceLabel} in this browser; the logs resume by themselves after you log in.`,
    action: { kind: 'link', label: 'Log in to NetBox', href: loginUrl(ctx.baseUrl) },
  }),
  forbidden: () => ({
    title: 'No permission to view backend logs',
    sentence:
      "Your NetBox user may not view the Proxbox FastAPI endpoint. Ask an administrator for the 'view' permission on FastAPIEndpoint.",
    action: TRY_AGAIN,
  }),
  'no-endpoint': (_f, ctx) => ({
    title: 'No FastAPI endpoint configured',
    sentence:
      'No enabled FastAPI endpoint is configured in Proxbox. Add one under Plugins > Proxbox > FastAPI Endpoints.',
    action: { kind: 'link', label: 'Open FastAPI endpoints', href: trimBase(ctx.baseUrl) + PLUGIN_FASTAPI_ENDPOINTS_PAGE },
  }),
  'plugin-missing': () => ({
    title: 'No Proxbox logs API found',
    sentence:
      "This NetBox has no Proxbox logs API at the configured path. Check that the Proxbox plugin is installed, or the logs proxy path in the extension's options.",
    action: TRY_AGAIN,
  }),
  discovery: (f) => ({
    title: 'Logs come from the Proxbox backend',
    sentence: `This Proxbox plugin does not serve logs through NetBox; it names the backend${f.backendUrl ? ` at ${f.backendUrl}` : ''}. Enter the backend API key once to read the logs from there.`,
    action: ENTER_KEY,
  }),
  'api-key-rejected': () => ({
    title: 'Backend rejected the API key',
    sentence:
      "The Proxbox backend rejected NetBox's API key. An administrator must update the key of the FastAPI endpoint in NetBox.",
    action: TRY_AGAIN,
  }),
  'bad-query': (f) => ({
    title: 'Backend refused the filter',
    sentence: `The Proxbox backend refused this query${f.detail ? ` (${f.detail})` : ''}. Change or clear the filters.`,
    action: TRY_AGAIN,
  }),
  'rate-limited': (f, ctx) => ({
    title: 'Too many requests',
    sentence: `The Proxbox backend's rate limit is reached (it allows 300 requests a minute per address, NetBox's syncs included); retrying in ${seconds(f.retryAfterMs)} s.`,
  }),
  'backend-down': (_f, ctx) => ({
    title: 'Proxbox backend unreachable',
    sentence: `NetBox cannot reach the Proxbox backend. Check that proxbox-api is running. Retrying…`,
    action: RETRY_NOW,
  }),
  'backend-timeout': (_f, ctx) => ({
    title: 'Proxbox backend too slow',
    sentence: `The Proxbox backend did not answer in time. Retrying…`,
    action: RETRY_NOW,
  }),
  'server-error': (f, ctx) => ({
    title: 'NetBox server error',
    sentence: `${ctx.instanceLabel} had an internal error${f.status ? ` (HTTP ${f.status})` : ''}. Retrying…`,
    action: RETRY_NOW,
  }),
  timeout: (_f, ctx) => ({
    title: 'NetBox did not answer in time',
    sentence: `${ctx.instanceLabel} did not answer in time. Retrying…`,
    action: RETRY_NOW,
  }),
  offline: (_f, ctx) => ({
    title: 'You are offline',
    sentence: `You are offline. The logs resume by themselves when the connection is back.`,
  }),
  network: (_f, ctx) => ({
    title: 'NetBox cannot be reached',
    sentence: `${ctx.instanceLabel} cannot be reached. Check the address and your network or VPN. Retrying…`,
    action: RETRY_NOW,
  }),
  'no-host-permission': (_f, ctx) => ({
    title: 'No access to this NetBox',
    sentence: `The extension may not reach ${ctx.instanceLabel}. Open the extension's options and enable this NetBox again.`,
  }),
  malformed: () => ({
    title: 'Not a Proxbox log list',
    sentence:
      "NetBox answered with something that is not a Proxbox log list. Check the logs proxy path in the extension's options.",
    action: TRY_AGAIN,
  }),
  'wrong-shape': () => ({
    title: 'Not a Proxbox log list',
    sentence:
      "NetBox answered with something that is not a Proxbox log list. Check the logs proxy path in the extension's options, or update the Proxbox plugin.",
    action: TRY_AGAIN,
  }),
  'no-backend-address': () => ({
    title: 'No backend address',
    sentence:
      'NetBox names no Proxbox backend for you (no enabled FastAPI endpoint, no permission to view it, or its key not verified). Enter the address of proxbox-api as this browser reaches it.',
    action: SET_ADDRESS,
    waitsForUser: true,
  }),
  'key-needed': (f, ctx) => ({
    title: 'Backend API key needed',
    sentence: `The logs come straight from ${backend(f)}, which asks for its API key (the FastAPI endpoint's token; an administrator has it). Enter it once.`,
    action: ENTER_KEY,
    waitsForUser: true,
  }),
  'key-rejected': (f, ctx) => ({
    title: 'Backend API key rejected',
    sentence: `${backend(f)} rejected the API key${f.detail ? ` (${f.detail})` : ''}. Nothing more is sent until you enter the key again: after 5 wrong keys it locks this address out for 5 minutes, NetBox's syncs included.`,
    action: ENTER_KEY,
    waitsForUser: true,
  }),
  'key-not-registered': (f, ctx) => ({
    title: 'No API key registered on the backend',
    sentence: `${backend(f)} has no API key registered yet. An administrator must register one (proxbox-api's POST /auth/register-key), then enter it here.`,
    action: ENTER_KEY,
    waitsForUser: true,
  }),
  'locked-out': (f, ctx) => ({
    title: 'Locked out by the backend',
    sentence: `${backend(f)} locked this address out after too many wrong API keys (NetBox's syncs from here too); it lets requests in again in ${seconds(f.retryAfterMs)} s.`,
  }),
  'backend-unreachable': (f, ctx) => ({
    title: 'Backend unreachable from this browser',
    sentence: `This browser cannot reach ${backend(f)}. NetBox may name an address only it can reach (a Docker service name, say): set the address your browser uses, or check that proxbox-api is running. Retrying…`,
    action: SET_ADDRESS,
  }),
  'backend-certificate': (f) => ({
    title: "Backend's certificate not trusted",
    sentence: `This browser does not trust the certificate of ${f.backendUrl ?? 'the backend'}${f.certificate ? `: ${CERTIFICATE_PROBLEM_WORDS[f.certificate]}` : ''}. Accept it in this browser (for a while), or for good: trust the authority that signed it (mkcert's root CA for Proxbox's *-nginx image) or give proxbox-api a certificate this browser trusts. Nothing was sent to it.`,
    ...(f.backendUrl ? { action: acceptCertificate(f.backendUrl) } : {}),
    // Only the user ends it. The views still look again each interval (a TLS handshake, no
    // request), so rows come back without a reload once it is accepted; no countdown is shown.
    waitsForUser: true,
  }),
  'backend-redirect': (f) => ({
    title: 'Backend address redirects',
    sentence: `${f.backendUrl ?? 'The backend address'} answered with a redirect${f.redirectTo ? ` to ${f.redirectTo}` : ''}, and the extension never sends the API key anywhere you did not enter. If that is really proxbox-api, enter that address as the backend's.`,
    action: SET_ADDRESS,
    waitsForUser: true,
  }),
  'no-backend-permission': (f, ctx) => ({
    title: 'No access to the backend',
    sentence: `The extension may not reach ${backend(f)} yet. Connect it once and allow the browser's prompt for that address.`,
    action: ENTER_KEY,
    waitsForUser: true,
  }),
  'backend-error': (f, ctx) => ({
    title: 'Proxbox backend error',
    sentence: `${backend(f)} answered with an error${f.status ? ` (HTTP ${f.status})` : ''}. Retrying…`,
    action: RETRY_NOW,
  }),
  unexpected: (f) => ({
    title: 'Unexpected answer',
    sentence: `NetBox answered ${f.status ? `HTTP ${f.status}` : 'in an unexpected way'}${f.detail ? ` (${f.detail})` : ''}. Try again later.`,
    action: TRY_AGAIN,
  }),
};

/** The panel's table: every FailureKind to what the user reads and can do. */
export function describeFailure(failure: Failure, ctx: FailureContext): FailureMessage {
  const describe = MESSAGES[failure.kind] ?? MESSAGES.unexpected;
  return describe(failure, ctx);
}
