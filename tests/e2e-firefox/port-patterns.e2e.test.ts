// Measured, not assumed (docs/permissions.md): Firefox takes "127.0.0.1:<port>" in a host
// permission for a host name, so a pattern with a port is held but reaches nothing. The
// extension therefore asks Firefox for the host on every port. A throwaway probe extension
// holds a port pattern for 127.0.0.1 and a host pattern for localhost (the control: the same
// servers, reached by the other name).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, waitFor, type FirefoxExtension } from './firefox';
import { PROBE_MARK, startProbeServers, writeProbeExtension, type ProbeServers } from '../fixtures/port-probe';

let servers: ProbeServers;
let ext: FirefoxExtension;
let portPattern: string;
let byHost: string;

beforeAll(async () => {
  servers = await startProbeServers();
  const [granted] = servers.origins;
  portPattern = `${granted}/*`;
  byHost = granted.replace('127.0.0.1', 'localhost');
  const dir = await writeProbeExtension('firefox', [portPattern, 'http://localhost/*']);
  ext = await launchWithExtension({ extensionDir: dir, keepSidebar: true, shadowRoots: 'closed' });
});

afterAll(async () => {
  await ext?.close();
  servers?.close();
});

describe('firefox: a host permission with a port', () => {
  it('is held and "contained", yet a fetch to that very port is refused; the host pattern works', async () => {
    const seen = await ext.inExtension(
      async (api, { portPattern, granted, byHost }) => ({
        held: (await api.permissions.getAll()).origins,
        contains: await api.permissions.contains({ origins: [portPattern] }),
        fetchByPortPattern: await fetch(`${granted}/`).then((r) => r.status, (e: Error) => e.message),
        fetchByHostPattern: await fetch(`${byHost}/`).then((r) => r.status, (e: Error) => e.message),
      }),
      { portPattern, granted: servers.origins[0], byHost },
    );
    expect(seen).toEqual({
      held: [portPattern, 'http://localhost/*'],
      contains: true,
      fetchByPortPattern: 'NetworkError when attempting to fetch resource.',
      fetchByHostPattern: 200,
    });
  });

  it('a content script registered with the port pattern runs nowhere; with the host pattern it runs', async () => {
    await ext.inExtension((api, matches) => api.scripting.registerContentScripts([{ id: 'mark', matches, js: ['mark.js'], runAt: 'document_start' }]), [
      portPattern,
      'http://localhost/*',
    ]);
    const mark = async (url: string) => {
      const page = await ext.newPage();
      await page.goto(url, { waitUntil: 'load' });
      const value = await page.evaluate((name) => document.documentElement.getAttribute(name), PROBE_MARK);
      await page.close();
      return value;
    };
    // The control first: the same server by its host pattern gets the script.
    expect(await waitFor(() => mark(`${byHost}/`), 'the content script on the host pattern')).toBe('ran');
    expect(await mark(`${servers.origins[0]}/`)).toBeNull();
  });
});
