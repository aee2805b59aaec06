// docs/rollout.md's examples are what administrators copy: each one parses, sets what it says
// with nothing the extension would refuse, and names only keys the extension reads. The
// browsers take them too: tests/e2e/rollout-docs.e2e.test.ts (Chromium) and
// tests/e2e-firefox/policy.e2e.test.ts.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { POLICY_INSTANCE_KEYS, POLICY_KEYS, readPolicy } from '@/lib/core/policy';

const ROOT = path.resolve(__dirname, '../..');
const doc = readFileSync(path.join(ROOT, 'docs/rollout.md'), 'utf8');
const blocks = (lang: string) => [...doc.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]!);
/** A parsed example, read by path as the docs show it (the assertions check each value). */
type Example = Record<string, any>;
const json = blocks('json').map((text) => JSON.parse(text) as Example);
const FIREFOX_ID = 'proxbox-backend-logs@proxbox.dev';

const chrome = json.find((b) => '3rdparty' in b)!;
const firefox = json.find((b) => 'policies' in b)!;
const updates = json.find((b) => 'addons' in b)!;

describe('docs/rollout.md', () => {
  it('has the Chrome, Firefox and update-manifest examples, all valid JSON', () => {
    expect(blocks('json')).toHaveLength(3);
    expect([chrome, firefox, updates].every(Boolean)).toBe(true);
  });

  it("Chrome's example sets one NetBox with every setting, and nothing is refused", () => {
    const settings = chrome['3rdparty'].extensions.EXTENSION_ID;
    expect(readPolicy(settings, 30)).toMatchObject({ set: true, problems: [], instances: [{ baseUrl: 'https://netbox.example.com' }] });
    expect(Object.keys(settings.instances[0]).sort()).toEqual([...POLICY_INSTANCE_KEYS].sort());
    expect(chrome.ExtensionSettings.EXTENSION_ID).toEqual({ installation_mode: 'force_installed', update_url: expect.stringMatching(/^https:\/\/.*\/updates\.xml$/) });
  });

  it("Firefox's example sets the same, under the add-on's id, with the Firefox spelling", () => {
    const settings = firefox.policies['3rdparty'].Extensions[FIREFOX_ID];
    expect(settings).toEqual(chrome['3rdparty'].extensions.EXTENSION_ID);
    expect(firefox.policies.ExtensionSettings[FIREFOX_ID]).toEqual({ installation_mode: 'force_installed', install_url: expect.stringMatching(/^https:\/\/.*\.xpi$/) });
  });

  it("Windows' registry value holds the same list, and the table of keys names exactly the keys read", () => {
    const registry = /\| `instances` \| `REG_SZ` \| the list as JSON on one line: `(.*?)` \|/.exec(doc);
    expect(JSON.parse(registry![1]!)).toEqual(chrome['3rdparty'].extensions.EXTENSION_ID.instances);
    const documented = [...doc.matchAll(/^\| `([a-zA-Z[\].]+)` \| (?:list|text|whole|true)/gm)].map((m) => m[1]);
    expect(documented.sort()).toEqual([...POLICY_KEYS, ...POLICY_INSTANCE_KEYS.map((k) => `instances[].${k}`)].sort());
  });

  it('the update manifests name the version the build has', () => {
    const version = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    expect(Object.values(updates.addons as Record<string, { updates: { version: string }[] }>)[0]!.updates[0]!.version).toBe(version);
    expect(blocks('xml')[0]).toContain(`version='${version}'`);
  });
});
