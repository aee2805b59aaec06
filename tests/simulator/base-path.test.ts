// @vitest-environment node
// NetBox under a BASE_PATH: every route, redirect and cookie path carries the prefix.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from './simulator';
import { control, TestClient } from './test-client';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ plugin: 'proxy', basePath: '/netbox/' });
});
afterAll(() => sim.close());

describe('BASE_PATH /netbox', () => {
  it('exposes the prefixed URLs', () => {
    expect(sim.basePath).toBe('/netbox');
    expect(sim.baseUrl).toBe(`${sim.origin}/netbox`);
    expect(sim.url).toBe(`${sim.origin}/netbox/`);
  });

  it('redirects, logs in and sets cookies under the prefix', async () => {
    const c = new TestClient(sim.origin);
    const out = await c.request('/netbox/dcim/devices/');
    expect([out.status, out.headers.get('location')]).toEqual([302, '/netbox/login/?next=/netbox/dcim/devices/']);
    const form = await c.request('/netbox/login/');
    expect(form.headers.getSetCookie()[0]).toMatch(/Path=\/netbox;/);
    const html = await form.text();
    expect(html).toContain('action="/netbox/login/"');
    const token = /name="csrfmiddlewaretoken" value="([^"]+)"/.exec(html)![1]!;
    const res = await c.request('/netbox/login/', {
      method: 'POST',
      form: { csrfmiddlewaretoken: token, username: 'admin', password: 'admin', next: '/netbox/dcim/devices/' },
    });
    expect([res.status, res.headers.get('location')]).toEqual([302, '/netbox/dcim/devices/']);
    expect(res.headers.getSetCookie().find((l) => l.startsWith('sessionid='))).toMatch(/Path=\/netbox;/);
    const page = await (await c.request('/netbox/dcim/devices/')).text();
    expect(page).toContain('href="/netbox/plugins/proxbox/logs/">Backend Logs</a>');
    expect((await c.request('/netbox/logout/')).headers.get('location')).toBe('/netbox/login/');
  });

  it('serves the API and the proxy under the prefix only', async () => {
    const c = new TestClient(sim.origin);
    await c.login('admin', 'admin', '/netbox');
    await control(sim.origin, 'logs', { count: 2 });
    expect((await c.json('/netbox/api/status/')).status).toBe(200);
    const logs = await c.json<{ total: number }>('/netbox/api/plugins/proxbox/logs/');
    expect([logs.status, logs.body.total]).toEqual([200, 2]);
    expect((await c.request('/api/status/')).status).toBe(404);
    expect((await c.request('/dcim/devices/')).status).toBe(404);
    expect((await new TestClient(sim.origin).json('/netbox/api/status/')).status).toBe(403);
  });
});
