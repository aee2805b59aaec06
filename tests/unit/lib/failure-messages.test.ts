// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { FailureKind } from '../../../lib/core/failure';
import { describeFailure, loginUrl, type FailureContext } from '../../../lib/core/failure-messages';

const ALL_KINDS: FailureKind[] = [
  'logged-out', 'forbidden', 'no-endpoint', 'plugin-missing', 'discovery', 'api-key-rejected', 'bad-query',
  'rate-limited', 'backend-down', 'backend-timeout', 'server-error', 'timeout', 'offline', 'network',
  'no-host-permission', 'malformed', 'wrong-shape', 'unexpected',
];

const ctx: FailureContext = { instanceLabel: 'netbox.example.com', baseUrl: 'https://netbox.example.com' };
const sub: FailureContext = { instanceLabel: 'tools.example.com/netbox', baseUrl: 'https://tools.example.com/netbox' };

describe('describeFailure', () => {
  it.each(ALL_KINDS)('%s has a title and a sentence', (kind) => {
    const m = describeFailure({ kind }, ctx);
    expect(m.title.length).toBeGreaterThan(3);
    expect(m.sentence.length).toBeGreaterThan(20);
    expect(m.sentence).not.toMatch(/undefined|null|NaN|\[object/);
  });

  it('logged-out links to the login page coming back to the logs, with the BASE_PATH', () => {
    expect(describeFailure({ kind: 'logged-out', status: 403 }, ctx)).toEqual({
      title: 'Not logged in to NetBox',
      sentence: 'Log in to netbox.example.com in this browser; the logs resume by themselves after you log in.',
      action: { kind: 'link', label: 'Log in to NetBox', href: 'https://netbox.example.com/login/?next=/plugins/proxbox/logs/' },
    });
    expect(describeFailure({ kind: 'logged-out' }, sub).action).toEqual({
      kind: 'link',
      label: 'Log in to NetBox',
      href: 'https://tools.example.com/netbox/login/?next=/netbox/plugins/proxbox/logs/',
    });
    expect(loginUrl('https://tools.example.com/netbox/')).toBe('https://tools.example.com/netbox/login/?next=/netbox/plugins/proxbox/logs/');
  });

  it('forbidden names the permission', () => {
    expect(describeFailure({ kind: 'forbidden' }, ctx).sentence).toBe(
      "Your NetBox user may not view the Proxbox FastAPI endpoint. Ask an administrator for the 'view' permission on FastAPIEndpoint.",
    );
  });

  it('no-endpoint links to the FastAPI endpoints page', () => {
    const m = describeFailure({ kind: 'no-endpoint', status: 404 }, sub);
    expect(m.sentence).toBe('No enabled FastAPI endpoint is configured in Proxbox. Add one under Plugins > Proxbox > FastAPI Endpoints.');
    expect(m.action).toEqual({ kind: 'link', label: 'Open FastAPI endpoints', href: 'https://tools.example.com/netbox/plugins/proxbox/endpoints/fastapi/' });
  });

  it('plugin-missing, discovery, api-key-rejected, no-host-permission say what to do', () => {
    expect(describeFailure({ kind: 'plugin-missing' }, ctx).sentence).toBe(
      "This NetBox has no Proxbox logs API at the configured path. Check that the Proxbox plugin is installed, or the logs proxy path in the extension's options.",
    );
    expect(describeFailure({ kind: 'discovery' }, ctx).sentence).toBe(
      'This Proxbox plugin does not serve logs through NetBox; it names the backend. Enter the backend API key once to read the logs from there.',
    );
    expect(describeFailure({ kind: 'api-key-rejected' }, ctx).sentence).toBe(
      "The Proxbox backend rejected NetBox's API key. An administrator must update the key of the FastAPI endpoint in NetBox.",
    );
    expect(describeFailure({ kind: 'no-host-permission' }, ctx).sentence).toBe(
      "The extension may not reach netbox.example.com. Open the extension's options and enable this NetBox again.",
    );
  });

  it('backend-down offers to retry now (the banner shows the last good update itself)', () => {
    expect(describeFailure({ kind: 'backend-down', status: 502 }, ctx)).toEqual({
      title: 'Proxbox backend unreachable',
      sentence: 'NetBox cannot reach the Proxbox backend. Check that proxbox-api is running. Retrying…',
      action: { kind: 'retry', label: 'Retry now' },
    });
    expect(describeFailure({ kind: 'timeout' }, ctx).sentence).toBe('netbox.example.com did not answer in time. Retrying…');
  });

  it('rate-limited says when it retries', () => {
    expect(describeFailure({ kind: 'rate-limited', retryAfterMs: 30_000 }, ctx).sentence).toBe(
      "The Proxbox backend's rate limit is reached (it allows 300 requests a minute per address, NetBox's syncs included); retrying in 30 s.",
    );
    expect(describeFailure({ kind: 'rate-limited', retryAfterMs: 1_200 }, ctx).sentence).toContain('retrying in 2 s');
    expect(describeFailure({ kind: 'rate-limited' }, ctx).sentence).toContain('retrying in 60 s');
  });

  it('bad-query and unexpected carry the detail and status', () => {
    expect(describeFailure({ kind: 'bad-query', status: 422, detail: 'limit: Input should be less than or equal to 5000' }, ctx).sentence).toBe(
      'The Proxbox backend refused this query (limit: Input should be less than or equal to 5000). Change or clear the filters.',
    );
    expect(describeFailure({ kind: 'unexpected', status: 418 }, ctx).sentence).toBe('NetBox answered HTTP 418. Try again later.');
    expect(describeFailure({ kind: 'unexpected', detail: 'no readable answer' }, ctx).sentence).toBe(
      'NetBox answered in an unexpected way (no readable answer). Try again later.',
    );
  });

  it('network and offline use plain words', () => {
    expect(describeFailure({ kind: 'network', detail: 'Failed to fetch' }, ctx).sentence).toBe(
      'netbox.example.com cannot be reached. Check the address and your network or VPN. Retrying…',
    );
    expect(describeFailure({ kind: 'offline' }, ctx).sentence).toBe('You are offline. The logs resume by themselves when the connection is back.');
    expect(describeFailure({ kind: 'malformed' }, ctx).sentence).toMatch(/^NetBox answered with something that is not a Proxbox log list\./);
    expect(describeFailure({ kind: 'wrong-shape' }, ctx).sentence).toMatch(/^NetBox answered with something that is not a Proxbox log list\./);
  });

  it('an unknown kind from old storage falls back to unexpected', () => {
    expect(describeFailure({ kind: 'gone' as FailureKind, status: 499 }, ctx).title).toBe('Unexpected answer');
  });

  it("backend-certificate names the address and both ways out, never 'unreachable' nor another address", () => {
    for (const certificate of ['unknown-authority', 'self-signed', 'wrong-name', 'expired', 'untrusted'] as const) {
      const m = describeFailure({ kind: 'backend-certificate', certificate, backendUrl: 'https://10.0.0.7:8443' }, ctx);
      expect(m.title).toBe("Backend's certificate not trusted");
      expect(m.sentence).toMatch(/does not trust the certificate of https:\/\/10\.0\.0\.7:8443: (it|this browser) /);
      expect(m.sentence).toMatch(/Accept it in this browser \(for a while\), or for good: trust the authority that signed it .* or give proxbox-api a certificate this browser trusts/);
      expect(m.sentence).not.toMatch(/unreachable|cannot reach|another address|address your browser uses/i);
      expect(m.action).toEqual({ kind: 'accept-certificate', label: "Accept the backend's certificate", href: 'https://10.0.0.7:8443/docs' });
    }
  });

  it('backend-redirect names where it pointed and asks for that address, waiting for the user', () => {
    const m = describeFailure({ kind: 'backend-redirect', backendUrl: 'http://10.0.0.7:8800', redirectTo: 'https://proxbox.example/admin/logs' }, ctx);
    expect(m.sentence).toBe(
      'http://10.0.0.7:8800 answered with a redirect to https://proxbox.example/admin/logs, and the extension never sends the API key anywhere you did not enter. If that is really proxbox-api, enter that address as the backend\'s.',
    );
    expect(m.action).toEqual({ kind: 'connect', label: 'Set the backend address' });
    expect(m.waitsForUser).toBe(true);
  });
});
