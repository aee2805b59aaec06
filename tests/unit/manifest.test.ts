// Least privilege, checked on what is shipped: the extension is built here (production
// Chrome and Firefox, and the e2e variants) into a temporary directory, and the manifests
// and bundles are read from there. Building here means the test can neither pass on a
// stale .output nor silently skip a missing one; it does not touch .output either.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');

// Each permission the extension asks for, and why it needs it. Anything else fails here.
const CHROME_PERMISSIONS = [
  'storage', // instances, layout, the worker's counts
  'alarms', // the badge polls on an alarm (an MV3 worker may be stopped between polls)
  'notifications', // optional desktop notification for new errors
  'scripting', // registers the content script for the NetBox origins the user added
  'activeTab', // the popup reads the current tab's URL to offer "enable on this site"
  // Observe only (no blocking), and only requests to origins the extension holds: the added
  // NetBox and backend origins. It names why a backend request failed (a refused certificate,
  // where a redirect pointed), which a fetch never says (lib/background/network-watch.ts).
  'webRequest',
  'sidePanel', // Chrome's side panel
  'offscreen', // Chrome's worker reaches HTTPS backends through a document (docs/certificates.md)
];
const CHROME_ONLY = ['sidePanel', 'offscreen'];
const FIREFOX_PERMISSIONS = CHROME_PERMISSIONS.filter((p) => !CHROME_ONLY.includes(p)); // sidebar_action needs none; event pages honour accepted certificates
const OPTIONAL_HOSTS = ['http://*/*', 'https://*/*']; // asked per NetBox origin when it is added
const E2E_HOSTS = ['http://127.0.0.1/*', 'http://localhost/*', 'https://127.0.0.1/*'];
/** Permissions that would see or touch more than the added NetBox origins. */
const TOO_BROAD = [
  'tabs',
  'cookies',
  'webRequestBlocking',
  'webNavigation',
  'declarativeNetRequest',
  'declarativeNetRequestWithHostAccess',
  'history',
  'bookmarks',
  'downloads',
  'clipboardRead',
  'debugger',
  'management',
  'nativeMessaging',
  'proxy',
  'privacy',
  'browsingData',
  'unlimitedStorage',
  '<all_urls>',
  '*://*/*',
];

type Variant = 'chrome' | 'firefox' | 'chrome-e2e' | 'firefox-e2e';
const VARIANTS: Record<Variant, { browser: string; mode: string; dir: string }> = {
  chrome: { browser: 'chrome', mode: 'production', dir: 'chrome-mv3' },
  firefox: { browser: 'firefox', mode: 'production', dir: 'firefox-mv3' },
  'chrome-e2e': { browser: 'chrome', mode: 'e2e', dir: 'chrome-mv3-e2e' },
  'firefox-e2e': { browser: 'firefox', mode: 'e2e', dir: 'firefox-mv3-e2e' },
};

let outDir: string;
const manifests = {} as Record<Variant, Record<string, unknown>>;

// One child process builds every variant in turn with WXT's API (concurrent builds of one
// project would race on its generated .wxt files).
const BUILD_SCRIPT = `
import { build } from 'wxt';
const quiet = { debug() {}, log() {}, info() {}, warn() {}, success() {}, start() {}, box() {}, ready() {}, fail: console.error, error: console.error, fatal: console.error, level: 0 };
const [outDir, ...variants] = process.argv.slice(1);
for (const v of variants) {
  const [browser, mode] = v.split(':');
  await build({ browser, mode, outDir, logger: quiet });
}
`;

beforeAll(async () => {
  outDir = await mkdtemp(path.join(tmpdir(), 'pbl-manifest-'));
  const variants = Object.values(VARIANTS).map((v) => `${v.browser}:${v.mode}`);
  await run(process.execPath, ['--input-type=module', '-e', BUILD_SCRIPT, outDir, ...variants], {
    cwd: ROOT,
    maxBuffer: 16 * 1024 * 1024,
  });
  for (const [name, v] of Object.entries(VARIANTS) as [Variant, (typeof VARIANTS)[Variant]][]) {
    // No try/catch: a build that produced no manifest fails every test below.
    manifests[name] = JSON.parse(await readFile(path.join(outDir, v.dir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  }
}, 120_000);

afterAll(async () => {
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

async function filesUnder(dir: string, ext: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && ext.some((e) => entry.name.endsWith(e))) out.push(path.join(entry.parentPath, entry.name));
  }
  return out;
}

describe.each(['chrome', 'firefox'] as const)('the production %s manifest', (variant) => {
  const m = () => manifests[variant];

  it('is MV3 and asks for exactly the permissions it needs', () => {
    expect(m().manifest_version).toBe(3);
    expect([...(m().permissions as string[])].sort()).toEqual(
      [...(variant === 'chrome' ? CHROME_PERMISSIONS : FIREFOX_PERMISSIONS)].sort(),
    );
  });

  it('declares no host permission; only the optional ones an added instance is granted from', () => {
    expect(m()).not.toHaveProperty('host_permissions');
    expect(m().optional_host_permissions).toEqual(OPTIONAL_HOSTS);
    expect(m()).not.toHaveProperty('optional_permissions');
  });

  it('has no static content script (it is registered per added origin at run time)', () => {
    const scripts = (m().content_scripts ?? []) as { matches?: string[] }[];
    expect(scripts.flatMap((s) => s.matches ?? [])).toEqual([]);
  });

  it('names nothing broad anywhere and exposes nothing to web pages', () => {
    const text = JSON.stringify(m());
    for (const broad of TOO_BROAD) {
      if (broad === '*://*/*' || broad === '<all_urls>') expect(text).not.toContain(broad);
      else expect(m().permissions as string[]).not.toContain(broad);
    }
    expect(m()).not.toHaveProperty('externally_connectable');
    expect(m()).not.toHaveProperty('web_accessible_resources');
  });

  it('keeps the default strict CSP for extension pages', () => {
    expect(m()).not.toHaveProperty('content_security_policy');
    expect(m()).not.toHaveProperty('sandbox');
  });

  it('ships no eval, no Function constructor and no remote script', async () => {
    const dir = path.join(outDir, VARIANTS[variant].dir);
    const js = await filesUnder(dir, ['.js']);
    expect(js.length).toBeGreaterThan(3);
    // Known-safe library code that matches, by file and pattern: none today.
    const allowed: { file: RegExp; pattern: string }[] = [];
    const found: string[] = [];
    for (const file of js) {
      const code = await readFile(file, 'utf8');
      const checks: [string, RegExp][] = [
        ['eval(', /(?<![\w$])eval\s*\(/],
        ['new Function(', /\bnew\s+Function\s*\(/],
        ['Function("...")', /(?<![\w$])Function\s*\(\s*["'`]/],
        ['setTimeout/setInterval with a string', /\bset(?:Timeout|Interval)\s*\(\s*["'`]/],
        ['remote import', /\bimport\s*\(\s*["'`]https?:/],
        ['importScripts', /\bimportScripts\s*\(/],
      ];
      for (const [name, re] of checks) {
        const rel = path.relative(dir, file);
        if (re.test(code) && !allowed.some((a) => a.file.test(rel) && a.pattern === name)) found.push(`${rel}: ${name}`);
      }
    }
    expect(found).toEqual([]);

    for (const file of await filesUnder(dir, ['.html'])) {
      const html = await readFile(file, 'utf8');
      const srcs = [...html.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)\s*=\s*["']?([^"'\s>]+)/gi)].map((x) => x[1]!);
      expect(srcs.filter((s) => /^(?:https?:)?\/\//i.test(s)), path.relative(dir, file)).toEqual([]);
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>[^<]/i); // no inline script
    }
  });
});

// The page panel's shadow roots: closed in what users get, so the NetBox page's scripts get
// null from host.shadowRoot. Only the e2e build can open them, when the test harness asks
// (lib/content/e2e-shadow-roots.ts): its bundles hold the "open" the production ones lack.
const PANEL_SCRIPTS = ['content-scripts/content.js', 'content-panel.js'];
const OPEN_LITERAL = /[`"']open[`"']/;

describe.each(['chrome', 'firefox', 'chrome-e2e', 'firefox-e2e'] as const)('the %s page panel scripts', (variant) => {
  it.each(PANEL_SCRIPTS)('%s attaches closed shadow roots (open ones only in the e2e build)', async (file) => {
    const code = await readFile(path.join(outDir, VARIANTS[variant].dir, file), 'utf8');
    expect(code).toContain('attachShadow({mode:');
    expect(code).toMatch(/[`"']closed[`"']/);
    if (variant.endsWith('-e2e')) expect(code).toMatch(OPEN_LITERAL);
    else expect(code).not.toMatch(OPEN_LITERAL);
  });
});

describe.each([
  ['chrome-e2e', 'chrome'],
  ['firefox-e2e', 'firefox'],
] as const)('the %s build', (e2e, production) => {
  it('differs from the production build only by the loopback host permissions', () => {
    const { host_permissions: hosts, ...rest } = manifests[e2e];
    expect(hosts).toEqual(E2E_HOSTS);
    expect(rest).toEqual(manifests[production]);
  });
});

describe("the administrator's policy schema", () => {
  it('is declared in Chrome (Firefox takes policies.json as written) and shipped', async () => {
    expect(manifests.chrome.storage).toEqual({ managed_schema: 'managed_schema.json' });
    expect(manifests.firefox).not.toHaveProperty('storage');
    const shipped = await readFile(path.join(outDir, VARIANTS.chrome.dir, 'managed_schema.json'), 'utf8');
    expect(JSON.parse(shipped)).toEqual(JSON.parse(await readFile(path.join(ROOT, 'public/managed_schema.json'), 'utf8')));
  });

  it('declares exactly the keys the extension reads, by type alone, and no key for a secret', async () => {
    const { POLICY_KEYS, POLICY_INSTANCE_KEYS } = await import('@/lib/core/policy');
    const schema = JSON.parse(await readFile(path.join(ROOT, 'public/managed_schema.json'), 'utf8')) as SchemaNode;
    expect(Object.keys(schema.properties ?? {}).sort()).toEqual([...POLICY_KEYS].sort());
    const instance = schema.properties!.instances!.items!;
    expect(Object.keys(instance.properties ?? {}).sort()).toEqual([...POLICY_INSTANCE_KEYS].sort());
    // Chrome drops a whole top-level key when a value breaks a constraint (docs/rollout.md):
    // no enum, range or pattern, so the extension sees the value and names what is wrong.
    expect(JSON.stringify(schema)).not.toMatch(/"(enum|minimum|maximum|pattern|required|additionalProperties)"/);
    expect(JSON.stringify(schema)).not.toMatch(/"[^"]*(key|token|secret|passw)[^"]*"\s*:\s*\{/i);
  });
});

interface SchemaNode {
  type: string;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
}
