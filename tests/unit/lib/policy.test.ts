import { describe, expect, it } from 'vitest';
import { MAX_POLICY_INSTANCES, readPolicy } from '@/lib/core/policy';

// Reading the administrator's policy: what applies, and the sentence for each thing left out.
const FLOOR = 30;
const read = (raw: unknown) => readPolicy(raw, FLOOR);
const good = { url: 'https://netbox.example.com' };

describe('a policy that is right', () => {
  it('gives each instance with the settings it sets, normalised', () => {
    const policy = read({
      instances: [
        { url: 'https://netbox.example.com/dcim/devices/', backendUrl: '10.0.0.7:8800/admin/logs', pollIntervalSec: 60, badgeLevels: ['warning', 'ERROR'] },
        { url: 'http://tools.example.com:8080/netbox' },
      ],
      allowUserInstances: false,
    });
    expect(policy).toEqual({
      set: true,
      allowUserInstances: false,
      problems: [],
      instances: [
        {
          baseUrl: 'https://netbox.example.com',
          origin: 'https://netbox.example.com',
          backendUrl: 'http://10.0.0.7:8800',
          pollIntervalSec: 60,
          badgeLevels: ['WARNING', 'ERROR'],
        },
        { baseUrl: 'http://tools.example.com:8080/netbox', origin: 'http://tools.example.com:8080' },
      ],
    });
  });

  it('is no policy when the browser has nothing for the extension', () => {
    for (const raw of [undefined, null, {}]) expect(read(raw)).toEqual({ set: false, instances: [], allowUserInstances: true, problems: [] });
  });

  it('lets users add their own instances unless it says otherwise', () => {
    expect(read({ instances: [good] }).allowUserInstances).toBe(true);
    expect(read({ allowUserInstances: false })).toEqual({ set: true, instances: [], allowUserInstances: false, problems: [] });
  });
});

// Each bad input, the sentence it gets, and what still applies from the same policy.
const BAD: { what: string; raw: unknown; problems: string[]; instances?: string[]; allowUserInstances?: boolean }[] = [
  {
    what: 'not an object',
    raw: ['https://netbox.example.com'],
    problems: ['The policy for this extension must be an object of named settings, not a list; it was ignored.'],
    instances: [],
  },
  {
    what: 'an unknown top-level key',
    raw: { instance: [good], instances: [good] },
    problems: ['"instance" is not a setting of Proxbox Backend Logs; it was ignored.'],
    instances: ['https://netbox.example.com'],
  },
  {
    what: 'instances not a list',
    raw: { instances: good },
    problems: ['"instances" must be a list of NetBox instances, not an object; no instance was set.'],
    instances: [],
  },
  {
    what: 'an instance that is text',
    raw: { instances: ['https://a.example.com', good] },
    problems: ['"instances[0]" must be an object with a "url", not text; it was left out.'],
    instances: ['https://netbox.example.com'],
  },
  {
    what: 'an instance without a url',
    raw: { instances: [{ backendUrl: 'http://10.0.0.7:8800' }, good] },
    problems: ['"instances[0]" has no "url"; it was left out.'],
    instances: ['https://netbox.example.com'],
  },
  {
    what: 'a url that is a number',
    raw: { instances: [good, { url: 8000 }] },
    problems: ['"instances[1].url" must be a web address in quotes, not a number; that instance was left out.'],
    instances: ['https://netbox.example.com'],
  },
  {
    what: 'a url with a space',
    raw: { instances: [{ url: 'http://bad host' }, good] },
    problems: ['"instances[0].url" ("http://bad host") is not a NetBox address: The address must not contain spaces. That instance was left out.'],
    instances: ['https://netbox.example.com'],
  },
  {
    what: 'a url of another scheme',
    raw: { instances: [{ url: 'ftp://netbox.example.com' }] },
    problems: ['"instances[0].url" ("ftp://netbox.example.com") is not a NetBox address: Only http:// and https:// addresses are supported. That instance was left out.'],
    instances: [],
  },
  {
    what: 'a url carrying a password (never repeated)',
    raw: { instances: [{ url: 'https://admin:hunter2@netbox.example.com' }] },
    problems: [
      '"instances[0].url" ("https://…@netbox.example.com") is not a NetBox address: Remove the user name and password from the URL; the extension uses your NetBox session. That instance was left out.',
    ],
    instances: [],
  },
  {
    what: 'the same NetBox twice',
    raw: { instances: [good, { url: 'https://netbox.example.com/ipam/' }] },
    problems: ['"instances[1].url" names the same NetBox as "instances[0]"; it was left out.'],
    instances: ['https://netbox.example.com'],
  },
  {
    what: 'an unknown key in an instance',
    raw: { instances: [{ ...good, colour: 'blue' }] },
    problems: ['"instances[0].colour" is not a setting of a NetBox instance; it was ignored.'],
    instances: ['https://netbox.example.com'],
  },
  {
    what: 'a backend key in an instance (its value never repeated)',
    raw: { instances: [{ ...good, apiKey: 's3cret-value' }] },
    problems: [
      '"instances[0].apiKey": a key is never part of a policy, so it was ignored; each user enters the backend\'s API key once on this page.',
    ],
    instances: ['https://netbox.example.com'],
  },
  {
    what: 'a token at the top level',
    raw: { token: 'abc', instances: [good] },
    problems: ['"token": a key is never part of a policy, so it was ignored; each user enters the backend\'s API key once on this page.'],
    instances: ['https://netbox.example.com'],
  },
  {
    what: 'a backend address that is no address',
    raw: { instances: [{ ...good, backendUrl: 'proxbox api:8800' }] },
    problems: ['"instances[0].backendUrl" ("proxbox api:8800") is not a backend address: The address must not contain spaces. The instance applies without it.'],
    instances: ['https://netbox.example.com'],
  },
  {
    what: 'a backend address that is a list',
    raw: { instances: [{ ...good, backendUrl: ['http://10.0.0.7:8800'] }] },
    problems: ['"instances[0].backendUrl" must be a web address in quotes, not a list; the instance applies without it.'],
    instances: ['https://netbox.example.com'],
  },
  {
    what: 'an interval in quotes',
    raw: { instances: [{ ...good, pollIntervalSec: '60' }] },
    problems: ['"instances[0].pollIntervalSec" must be a whole number of seconds, not text; it was ignored.'],
    instances: ['https://netbox.example.com'],
  },
  {
    what: 'an interval with a fraction',
    raw: { instances: [{ ...good, pollIntervalSec: 45.5 }] },
    problems: ['"instances[0].pollIntervalSec" must be a whole number of seconds, not 45.5; it was ignored.'],
    instances: ['https://netbox.example.com'],
  },
  {
    what: 'an interval below the floor',
    raw: { instances: [{ ...good, pollIntervalSec: 5 }] },
    problems: ['"instances[0].pollIntervalSec" (5) is out of range: Poll at most once every 30 seconds (enter 30 or more). It was ignored.'],
    instances: ['https://netbox.example.com'],
  },
  {
    what: 'levels that are not a list',
    raw: { instances: [{ ...good, badgeLevels: 'ERROR' }] },
    problems: ['"instances[0].badgeLevels" must be a list of levels such as ["ERROR", "CRITICAL"], not text; it was ignored.'],
    instances: ['https://netbox.example.com'],
  },
  {
    what: 'a level that is none',
    raw: { instances: [{ ...good, badgeLevels: ['ERROR', 'WARN', 3] }] },
    problems: [
      '"instances[0].badgeLevels" has "WARN", which is not a level (DEBUG, INFO, WARNING, ERROR, CRITICAL); it was ignored.',
      '"instances[0].badgeLevels" has a number, which is not a level (DEBUG, INFO, WARNING, ERROR, CRITICAL); it was ignored.',
    ],
    instances: ['https://netbox.example.com'],
  },
  {
    what: 'an empty list of levels',
    raw: { instances: [{ ...good, badgeLevels: [] }] },
    problems: ['"instances[0].badgeLevels" names no level; it was ignored.'],
    instances: ['https://netbox.example.com'],
  },
  {
    what: '"allowUserInstances" in quotes',
    raw: { allowUserInstances: 'false', instances: [good] },
    problems: ['"allowUserInstances" must be true or false, not text; users may add their own instances (the default).'],
    instances: ['https://netbox.example.com'],
    allowUserInstances: true,
  },
  {
    what: 'a key name with a line break (said on one line)',
    raw: { 'a\nb': 1 },
    problems: ['"a?b" is not a setting of Proxbox Backend Logs; it was ignored.'],
    instances: [],
  },
];

describe('a policy with something wrong', () => {
  it.each(BAD)('$what: named in a sentence, the rest applies', ({ raw, problems, instances, allowUserInstances }) => {
    const policy = read(raw);
    expect(policy.problems).toEqual(problems);
    expect(policy.set).toBe(true);
    if (instances) expect(policy.instances.map((i) => i.baseUrl)).toEqual(instances);
    if (allowUserInstances !== undefined) expect(policy.allowUserInstances).toBe(allowUserInstances);
  });

  it('keeps the good settings of an instance whose other settings are wrong', () => {
    const policy = read({ instances: [{ ...good, pollIntervalSec: 'often', badgeLevels: ['CRITICAL'], backendUrl: 'http://10.0.0.7:8800' }] });
    expect(policy.instances).toEqual([
      { baseUrl: 'https://netbox.example.com', origin: 'https://netbox.example.com', backendUrl: 'http://10.0.0.7:8800', badgeLevels: ['CRITICAL'] },
    ]);
  });

  it('never repeats the value of a key, wherever it is', () => {
    const policy = read({ apiKey: 'top-secret-1', instances: [{ ...good, backendKey: 'top-secret-2', token: { value: 'top-secret-3' } }] });
    expect(policy.problems).toHaveLength(3);
    expect(policy.problems.join(' ')).not.toMatch(/top-secret/);
  });

  it(`sets at most ${MAX_POLICY_INSTANCES} instances, and says so once`, () => {
    const many = Array.from({ length: MAX_POLICY_INSTANCES + 5 }, (_, i) => ({ url: `https://nb${i}.example.com` }));
    const policy = read({ instances: many });
    expect(policy.instances).toHaveLength(MAX_POLICY_INSTANCES);
    expect(policy.problems).toEqual([
      `"instances[${MAX_POLICY_INSTANCES}]" and the instances after it were left out: a policy sets at most ${MAX_POLICY_INSTANCES}.`,
    ]);
  });

  it('quotes a long value short', () => {
    const [problem] = read({ instances: [{ url: `ftp://${'x'.repeat(500)}` }] }).problems;
    expect(problem!.length).toBeLessThan(250);
    expect(problem).toContain('…"');
  });
});
