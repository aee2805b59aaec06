// @vitest-environment node
// NetBox's pages, session and REST endpoints (contract §1), over real HTTP.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from './simulator';
import { control, TestClient } from './test-client';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

const htmlTag = (html: string) => /<html[^>]*>/.exec(html)?.[0] ?? '';

describe('pages', () => {
  it.each([
    ['/', 'home'],
    ['/dcim/devices/', 'dcim:device_list'],
    ['/virtualization/virtual-machines/', 'virtualization:virtualmachine_list'],
    ['/plugins/proxbox/logs/', 'plugins:netbox_proxbox:logs'],
    ['/plugins/proxbox/sync/', 'plugins:netbox_proxbox:sync_list'],
  ])('%s carries the NetBox markers and layout', async (path, urlName) => {
    const c = new TestClient(sim.origin);
    await c.login();
    const res = await c.request(path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    const tag = htmlTag(html);
    expect(tag).toContain('lang="en"');
    expect(tag).toContain('data-netbox-version="4.6.8"');
    expect(tag).toContain(`data-netbox-url-name="${urlName}"`);
    expect(tag).toContain('data-bs-theme="light"');
    expect(tag).toContain('data-netbox-user-name="admin"');
    expect(tag).toContain('data-netbox-user-id="1"');
    expect(html).toContain('<div class="page">');
    expect(html).toMatch(/<aside class="navbar navbar-vertical[^"]*"/);
    expect(html).toContain('<div class="page-wrapper">');
    expect(html).toContain('href="/plugins/proxbox/logs/">Backend Logs</a>');
    expect(html).toContain('id="htmx-swap"');
    expect(html).toContain('id="htmx-swap-page"');
    expect(html).toContain('<div id="htmx-target"');
    expect(html).toContain('id="htmx-table-template"');
  });

  it('a sync job page shows its operation id in data-operation-id', async () => {
    const c = new TestClient(sim.origin);
    await c.login();
    const id = '0f8e2c1a-5b7d-4c39-9e0a-2d6f1b3c4e5f';
    await control(sim.origin, 'logs', { operation_id: id, operation: 'vm_sync', message: 'hello <b>' });
    const html = await (await c.request(`/plugins/proxbox/sync/${id}/`)).text();
    expect(htmlTag(html)).toContain('data-netbox-url-name="plugins:netbox_proxbox:sync_job"');
    expect(html).toContain(`data-operation-id="${id}"`);
    expect(html).toContain('hello &lt;b&gt;');
    expect((await c.request('/plugins/proxbox/sync/not-a-uuid/')).status).toBe(404);
  });

  it('the plugin page renders logs escaped', async () => {
    const c = new TestClient(sim.origin);
    await c.login();
    await control(sim.origin, 'logs', { message: '<script>alert(1)</script>', level: 'ERROR' });
    const html = await (await c.request('/plugins/proxbox/logs/?level=ERROR')).text();
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>alert(1)');
  });

  it('dark mode comes from the cookie or ?theme=dark', async () => {
    const c = new TestClient(sim.origin);
    await c.login();
    expect(htmlTag(await (await c.request('/?theme=dark')).text())).toContain('data-bs-theme="dark"');
    c.cookies.set('netbox_color_mode', 'dark');
    expect(htmlTag(await (await c.request('/')).text())).toContain('data-bs-theme="dark"');
    expect(htmlTag(await (await c.request('/?theme=light')).text())).toContain('data-bs-theme="light"');
  });

  it('unknown paths get NetBox 404 HTML; a missing slash is appended', async () => {
    const c = new TestClient(sim.origin);
    await c.login();
    const res = await c.request('/no/such/page/');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await res.text()).toContain('data-netbox-version="4.6.8"');
    const slash = await c.request('/dcim/devices?q=1');
    expect([slash.status, slash.headers.get('location')]).toEqual([301, '/dcim/devices/?q=1']);
  });
});

describe('session', () => {
  it('pages redirect to login with next= when logged out', async () => {
    const c = new TestClient(sim.origin);
    const res = await c.request('/dcim/devices/?status=active&site=a');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/login/?next=/dcim/devices/%3Fstatus%3Dactive%26site%3Da');
    expect((await c.request('/plugins/proxbox/logs/')).headers.get('location')).toBe('/login/?next=/plugins/proxbox/logs/');
  });

  it('the API answers 403 JSON when logged out', async () => {
    const c = new TestClient(sim.origin);
    for (const path of ['/api/status/', '/api/authentication-check/', '/api/plugins/proxbox/logs/', '/api/dcim/devices/']) {
      const { status, body, res } = await c.json(path);
      expect(status).toBe(403);
      expect(res.headers.get('content-type')).toBe('application/json');
      expect(body).toEqual({ detail: 'Authentication credentials were not provided.' });
    }
  });

  it('logs in with the form: CSRF cookie, HttpOnly Lax session, 302 to next', async () => {
    const c = new TestClient(sim.origin);
    const page = await c.request('/login/?next=/dcim/devices/');
    expect(page.status).toBe(200);
    const csrf = page.headers.getSetCookie().find((l) => l.startsWith('csrftoken='))!;
    expect(csrf).toMatch(/Path=\//);
    const html = await page.text();
    expect(htmlTag(html)).toContain('data-netbox-url-name="login"');
    expect(htmlTag(html)).not.toContain('data-netbox-user-name');
    const token = /name="csrfmiddlewaretoken" value="([^"]+)"/.exec(html)![1]!;
    expect(token).toBe(c.cookies.get('csrftoken'));
    const res = await c.request('/login/', {
      method: 'POST',
      form: { csrfmiddlewaretoken: token, username: 'admin', password: 'admin', next: '/dcim/devices/' },
    });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/dcim/devices/');
    const session = res.headers.getSetCookie().find((l) => l.startsWith('sessionid='))!;
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Lax/);
    expect(session).toMatch(/Path=\//);
    expect((await c.request('/dcim/devices/')).status).toBe(200);
  });

  it('refuses a wrong CSRF token with 403 and wrong credentials with the form again', async () => {
    const c = new TestClient(sim.origin);
    await c.request('/login/');
    const forged = await c.request('/login/', { method: 'POST', form: { csrfmiddlewaretoken: 'forged', username: 'admin', password: 'admin' } });
    expect(forged.status).toBe(403);
    expect(await forged.text()).toContain('CSRF verification failed');
    const noCookie = await new TestClient(sim.origin).request('/login/', { method: 'POST', form: { csrfmiddlewaretoken: 'x', username: 'admin', password: 'admin' } });
    expect(noCookie.status).toBe(403);
    const wrong = await c.request('/login/', {
      method: 'POST',
      form: { csrfmiddlewaretoken: c.cookies.get('csrftoken')!, username: 'admin', password: 'nope' },
    });
    expect(wrong.status).toBe(200);
    expect(await wrong.text()).toContain('id="login-error"');
    expect(c.cookies.has('sessionid')).toBe(false);
  });

  it('never redirects off-site after login', async () => {
    const c = new TestClient(sim.origin);
    const res = await c.request('/login/').then(() =>
      c.request('/login/', { method: 'POST', form: { csrfmiddlewaretoken: c.cookies.get('csrftoken')!, username: 'admin', password: 'admin', next: '//evil.example/' } }),
    );
    expect(res.headers.get('location')).toBe('/');
  });

  it('status and authentication-check answer for a logged-in user', async () => {
    const c = new TestClient(sim.origin);
    await c.login('viewer');
    const status = await c.json<Record<string, unknown>>('/api/status/');
    expect(status.status).toBe(200);
    // Shaped like tests/fixtures/recorded/netbox/api-status.json (the released plugin).
    expect(Object.keys(status.body)).toEqual(['django-version', 'hostname', 'installed_apps', 'netbox-version', 'netbox-full-version', 'plugins', 'python-version', 'rq-workers-running']);
    expect(status.body).toMatchObject({ 'netbox-version': '4.6.8', plugins: { netbox_proxbox: '0.0.24' } });
    const me = await c.json<Record<string, unknown>>('/api/authentication-check/');
    expect(me.body).toMatchObject({ id: 2, username: 'viewer', display: 'viewer' });
  });

  it('accepts configured API tokens, refuses others', async () => {
    const c = new TestClient(sim.origin);
    const v1 = await c.json('/api/authentication-check/', { headers: { Authorization: 'Token 0123456789abcdef0123456789abcdef01234567' } });
    expect(v1.body).toMatchObject({ id: 1, username: 'admin' });
    const v2 = await c.json('/api/status/', { headers: { Authorization: 'Bearer nbt_simkey0001.0123456789abcdef0123456789abcdef' } });
    expect(v2.status).toBe(200);
    const bad = await c.json('/api/status/', { headers: { Authorization: 'Token deadbeef' } });
    expect([bad.status, bad.body]).toEqual([403, { detail: 'Invalid token' }]);
    // Tokens are for the API only; pages still want the session.
    expect((await c.request('/', { headers: { Authorization: 'Token 0123456789abcdef0123456789abcdef01234567' } })).status).toBe(302);
  });

  it('logout (GET or POST) ends the session and goes to the login page', async () => {
    for (const method of ['GET', 'POST']) {
      const c = new TestClient(sim.origin);
      await c.login();
      const res = await c.request('/logout/', { method });
      expect([res.status, res.headers.get('location')]).toEqual([302, '/login/']);
      expect(c.cookies.has('sessionid')).toBe(false);
      expect((await c.request('/')).status).toBe(302);
    }
  });

  it('expired sessions make pages redirect and the API answer 403', async () => {
    const c = new TestClient(sim.origin);
    await c.login();
    expect((await c.request('/')).status).toBe(200);
    await control(sim.origin, 'expire-sessions');
    expect((await c.request('/')).status).toBe(302);
    expect((await c.json('/api/status/')).body).toEqual({ detail: 'Authentication credentials were not provided.' });
  });
});
