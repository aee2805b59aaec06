// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { REASONS, normaliseNetBoxUrl } from '../../../lib/core/instance-url';

describe('normaliseNetBoxUrl: accepted', () => {
  it.each([
    ['netbox.example.com', 'https://netbox.example.com', 'https://netbox.example.com', 'https://netbox.example.com:443/*'],
    ['  NetBox.Example.COM/  ', 'https://netbox.example.com', 'https://netbox.example.com', 'https://netbox.example.com:443/*'],
    ['http://10.0.0.5:8000', 'http://10.0.0.5:8000', 'http://10.0.0.5:8000', 'http://10.0.0.5:8000/*'],
    ['10.0.0.5:8000', 'https://10.0.0.5:8000', 'https://10.0.0.5:8000', 'https://10.0.0.5:8000/*'],
    ['localhost:8000/', 'https://localhost:8000', 'https://localhost:8000', 'https://localhost:8000/*'],
    ['http://localhost:8000/login/?next=/', 'http://localhost:8000', 'http://localhost:8000', 'http://localhost:8000/*'],
    ['https://tools.example.com/netbox/', 'https://tools.example.com/netbox', 'https://tools.example.com', 'https://tools.example.com:443/*'],
    ['https://tools.example.com/netbox', 'https://tools.example.com/netbox', 'https://tools.example.com', 'https://tools.example.com:443/*'],
    ['https://nb.example.com/dcim/devices/?q=1#x', 'https://nb.example.com', 'https://nb.example.com', 'https://nb.example.com:443/*'],
    ['https://nb.example.com/api/', 'https://nb.example.com', 'https://nb.example.com', 'https://nb.example.com:443/*'],
    ['https://nb.example.com/api/status/', 'https://nb.example.com', 'https://nb.example.com', 'https://nb.example.com:443/*'],
    ['https://nb.example.com/plugins/proxbox/logs/', 'https://nb.example.com', 'https://nb.example.com', 'https://nb.example.com:443/*'],
    ['https://tools.example.com/netbox/dcim/devices/', 'https://tools.example.com/netbox', 'https://tools.example.com', 'https://tools.example.com:443/*'],
    ['https://tools.example.com/a/b/api/plugins/proxbox/logs/', 'https://tools.example.com/a/b', 'https://tools.example.com', 'https://tools.example.com:443/*'],
    ['https://nb.example.com/IPAM/prefixes/', 'https://nb.example.com', 'https://nb.example.com', 'https://nb.example.com:443/*'],
    ['https://nb.example.com:443/', 'https://nb.example.com', 'https://nb.example.com', 'https://nb.example.com:443/*'],
    ['http://nb.example.com:80/', 'http://nb.example.com', 'http://nb.example.com', 'http://nb.example.com:80/*'],
    ['HTTPS://NB.EXAMPLE.COM', 'https://nb.example.com', 'https://nb.example.com', 'https://nb.example.com:443/*'],
    ['//nb.example.com/netbox/', 'https://nb.example.com/netbox', 'https://nb.example.com', 'https://nb.example.com:443/*'],
    ['http://[2001:db8::5]:8000/netbox/api/', 'http://[2001:db8::5]:8000/netbox', 'http://[2001:db8::5]:8000', 'http://[2001:db8::5]:8000/*'],
    ['https://[::1]/', 'https://[::1]', 'https://[::1]', 'https://[::1]:443/*'],
    ['https://nb.example.com./', 'https://nb.example.com', 'https://nb.example.com', 'https://nb.example.com:443/*'],
    ['netbox', 'https://netbox', 'https://netbox', 'https://netbox:443/*'],
    ['http://proxbox_netbox:8080', 'http://proxbox_netbox:8080', 'http://proxbox_netbox:8080', 'http://proxbox_netbox:8080/*'],
    ['https://bücher.example/netbox', 'https://xn--bcher-kva.example/netbox', 'https://xn--bcher-kva.example', 'https://xn--bcher-kva.example:443/*'],
    ['https://nb.example.com//netbox//search/?q=x', 'https://nb.example.com/netbox', 'https://nb.example.com', 'https://nb.example.com:443/*'],
    ['https://nb.example.com/user/profile/', 'https://nb.example.com', 'https://nb.example.com', 'https://nb.example.com:443/*'],
  ])('%s', (input, baseUrl, origin, originPattern) => {
    expect(normaliseNetBoxUrl(input)).toEqual({ ok: true, baseUrl, origin, originPattern });
  });
});

describe('normaliseNetBoxUrl: rejected with a reason', () => {
  it.each([
    ['', REASONS.empty],
    ['   ', REASONS.empty],
    ['https://nb.example.com/my netbox', REASONS.whitespace],
    ['nb.example .com', REASONS.whitespace],
    ['ftp://nb.example.com', REASONS.scheme],
    ['javascript:alert(1)', REASONS.scheme],
    ['mailto:admin@example.com', REASONS.scheme],
    ['file:///etc/passwd', REASONS.scheme],
    ['chrome-extension://abc/options.html', REASONS.scheme],
    ['https://admin:secret@nb.example.com/', REASONS.credentials],
    ['admin@nb.example.com', REASONS.credentials],
    ['https://', REASONS.invalid],
    ['http:/nb.example.com', REASONS.invalid],
    ['https://nb.example.com:99999/', REASONS.invalid],
    ['https://300.1.1.1/', REASONS.invalid],
    ['https://[zz::1]/', REASONS.invalid],
    ['https://nb..example.com/', REASONS.host],
    ['https://-nb.example.com/', REASONS.host],
    ['https://nb$.example.com/', REASONS.host],
    [`https://${'a'.repeat(64)}.example.com/`, REASONS.host],
  ])('%j', (input, reason) => {
    expect(normaliseNetBoxUrl(input)).toEqual({ ok: false, reason });
  });

  it('never throws on odd input', () => {
    for (const input of [null, undefined, 42, {}, '\u0000', '%', '::', 'http://%zz', '[', 'a'.repeat(100_000)]) {
      const out = normaliseNetBoxUrl(input as string);
      expect(typeof out.ok).toBe('boolean');
    }
  });
});
