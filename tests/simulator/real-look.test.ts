// @vitest-environment node
// look: 'real': the recorded NetBox 4.5 pages (tests/fixtures/recorded/netbox/) with this simulator's
// user, CSRF token, BASE_PATH and backend, and the static files they load.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Window } from 'happy-dom';
import { startSimulator, type Simulator } from './simulator';
import { TestClient } from './test-client';

let sim: Simulator;
let admin: TestClient;

beforeAll(async () => {
  sim = await startSimulator({ look: 'real', basePath: '/netbox' });
  admin = new TestClient(sim.origin);
  const res = await admin.login('admin', 'admin', '/netbox');
  expect(res.status).toBe(302);
});
afterAll(() => sim.close());

describe("look 'real'", () => {
  it('serves the recorded login form, with the CSRF cookie and next, and it logs in', async () => {
    const c = new TestClient(sim.origin);
    const html = await (await c.request('/netbox/login/?next=/netbox/dcim/devices/')).text();
    expect(html).toContain('<h2 class="text-center mb-4">Log In</h2>');
    expect(html).toContain(`name="csrfmiddlewaretoken" value="${c.cookies.get('csrftoken')}"`);
    expect(html).toContain('<input type="hidden" name="next" value="/netbox/dcim/devices/">');
    expect(html).toContain('action="/netbox/login/"');
    expect(html).not.toContain('REDACTED');
    const res = await c.request('/netbox/login/', {
      method: 'POST',
      form: { csrfmiddlewaretoken: c.cookies.get('csrftoken')!, username: 'viewer', password: 'viewer', next: '/netbox/dcim/devices/' },
    });
    expect([res.status, res.headers.get('location')]).toEqual([302, '/netbox/dcim/devices/']);
  });

  it('serves the recorded devices page and its HTMX partial, markers set for the user, no data-bs-theme', async () => {
    const html = await (await admin.request('/netbox/dcim/devices/')).text();
    const open = /<html[^>]*>/.exec(html)![0];
    expect(open).toContain('data-netbox-version="4.6.8"');
    expect(open).toContain('data-netbox-user-name="admin"');
    expect(open).toContain('data-netbox-user-id="1"');
    expect(open).not.toContain('data-bs-theme'); // setmode.js sets it in the browser
    expect(html).toContain('<div class="page-wrapper">');
    expect(html).toContain('src="/netbox/static/setmode.js?v=4.6.8"');
    expect(html).toContain('href="/netbox/logout/"');
    const partial = await (await admin.request('/netbox/dcim/devices/', { headers: { 'HX-Request': 'true' } })).text();
    expect(partial).not.toContain('<html');
    expect(partial).toContain('<table class="table table-hover object-list"');
  });

  it("the plugin's page names this simulator's backend", async () => {
    const html = await (await admin.request('/netbox/plugins/proxbox/logs/')).text();
    expect(html).toContain(`logsApiUrl: "${sim.backendUrl}/admin/logs"`);
    expect(html).toContain(`sseStreamUrl: "${sim.backendUrl}/admin/logs/stream"`);
    expect(html).not.toContain('127.0.0.1:8800');
  });

  it('routes without a recording keep the simulator pages', async () => {
    const html = await (await admin.request('/netbox/virtualization/virtual-machines/')).text();
    expect(html).toContain('data-netbox-url-name="virtualization:virtualmachine_list"');
  });

  it('serves setmode.js, netbox.js and Tabler as netbox.css', async () => {
    const css = await admin.request('/netbox/static/netbox.css?v=4.6.8');
    expect([css.status, css.headers.get('content-type')]).toEqual([200, 'text/css; charset=utf-8']);
    expect(await css.text()).toContain('Tabler');
    expect((await admin.request('/netbox/static/netbox-external.css')).status).toBe(200);
    expect((await admin.request('/netbox/static/logo_netbox_dark_teal.svg')).status).toBe(404);
  });

  it('setmode.js: the stored mode, else the preferred scheme, else light; set on <html> and stored', async () => {
    const setmode = await (await admin.request('/netbox/static/setmode.js')).text();
    const run = (stored: string | null, prefersDark: boolean) => {
      const window = new Window();
      if (stored) window.localStorage.setItem('netbox-color-mode', stored);
      window.matchMedia = ((query: string) => ({ matches: query.includes('dark') ? prefersDark : !prefersDark })) as unknown as typeof window.matchMedia;
      window.eval(`${setmode}\ninitMode();`);
      const result = [window.document.documentElement.getAttribute('data-bs-theme'), window.localStorage.getItem('netbox-color-mode')];
      void window.happyDOM.close();
      return result;
    };
    expect(run('dark', false)).toEqual(['dark', 'dark']);
    expect(run('light', true)).toEqual(['light', 'light']);
    expect(run(null, true)).toEqual(['dark', 'dark']);
    expect(run(null, false)).toEqual(['light', 'light']);
  });
});
