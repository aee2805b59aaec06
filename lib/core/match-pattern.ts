import type { NetBoxInstance } from './instance';

// The host permission the extension asks for an origin (a NetBox, a backend), as a match
// pattern. Measured (docs/permissions.md): Chromium matches a pattern's port, so
// "http://10.0.0.5:8000/*" grants that port alone (a default port written out, ":443",
// matches addresses without one). Firefox takes "10.0.0.5:8000" for a host name no page
// has: such a pattern is listed as granted but reaches nothing, so there a pattern names
// the host, on every port.

/** Whether this build's patterns carry the port (every browser but Firefox). */
export function patternsHavePorts(): boolean {
  return import.meta.env.BROWSER !== 'firefox';
}

/** The host permission pattern for an origin: "http://10.0.0.5:8000/*" ("http://10.0.0.5/*" in Firefox). */
export function originMatchPattern(origin: string, withPort: boolean = patternsHavePorts()): string {
  const url = new URL(origin);
  if (!withPort) return `${url.protocol}//${url.hostname}/*`;
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return `${url.protocol}//${url.hostname}:${port}/*`;
}

/** The same pattern without its port: what versions before ports in patterns were granted. */
export function hostWidePattern(pattern: string): string {
  return pattern.replace(/^([a-z]+:\/\/[^/]*?)(?::\d+)?\//, '$1/');
}

/** What the extension may reach for an instance, in words for the options page. */
export function accessSentence(instance: Pick<NetBoxInstance, 'origin' | 'backendUrl'>, withPort: boolean = patternsHavePorts()): string {
  const where = (origin: string) => {
    const url = new URL(origin);
    return withPort ? `${url.protocol}//${url.host} (that port only)` : `${url.protocol}//${url.hostname} on every port`;
  };
  const backend = instance.backendUrl ? new URL(instance.backendUrl).origin : null;
  const sites = [where(instance.origin), ...(backend && backend !== instance.origin ? [`its backend at ${where(backend)}`] : [])];
  const why = withPort
    ? 'Another port of the same host needs its own permission.'
    : "Firefox's site permissions cannot name a port, so a backend on another port of this host needs no new prompt: the address you connect is your confirmation.";
  return `The extension may read ${sites.join(' and ')}. ${why}`;
}
