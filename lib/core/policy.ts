import { normaliseBackendUrl, normaliseNetBoxUrl } from './instance-url';
import { LEVELS, type Level } from './log-types';
import { validatePollInterval } from './settings';

// What an administrator set for this extension by policy (Chrome's `3rdparty` extension
// policy, Firefox's policies.json `3rdparty`), read from storage.managed: the NetBox
// instances every user gets, and whether users may add their own. The policy is data from
// outside: each value is checked, and whatever is wrong is left out with one sentence naming
// its key, while the rest applies. A policy never carries a backend key.
// The keys here are the ones public/managed_schema.json declares (tests/unit/manifest.test.ts).

export const POLICY_KEYS = ['instances', 'allowUserInstances'] as const;
export const POLICY_INSTANCE_KEYS = ['url', 'backendUrl', 'pollIntervalSec', 'badgeLevels'] as const;

/** More than this many instances is no team's list: the rest are left out (and said so). */
export const MAX_POLICY_INSTANCES = 50;

/** One NetBox the policy sets; a setting it leaves out stays the user's (or the default). */
export interface PolicyInstance {
  baseUrl: string;
  origin: string;
  backendUrl?: string;
  pollIntervalSec?: number;
  badgeLevels?: Level[];
}

export interface Policy {
  /** Whether the administrator set anything at all for this extension. */
  set: boolean;
  instances: PolicyInstance[];
  /** "Users may add instances of their own" (default yes). */
  allowUserInstances: boolean;
  /** One sentence per value left out, each naming its key. */
  problems: string[];
}

export const NO_POLICY: Readonly<Policy> = Object.freeze({ set: false, instances: [], allowUserInstances: true, problems: [] });

/** Names that look like a secret: a key is never part of a policy, and its value is never repeated. */
const SECRET_NAME = /key|token|secret|passw/i;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What a value is, in words: "a number", "a list". */
function kind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return 'text';
  if (typeof value === 'boolean') return 'true or false';
  if (typeof value === 'number') return 'a number';
  return 'an object';
}

/**
 * A value as quoted in a sentence: short, one line (the policy is untrusted text), and
 * without a password an address might carry ("https://user:secret@host" shows "https://…@host").
 */
function quote(text: string, max = 60): string {
  const line = text.replace(/[\u0000-\u001f\u007f]/g, '?').replace(/^((?:[a-z][a-z0-9+.-]*:)?\/\/)?[^/?#]*@/i, '$1…@');
  return JSON.stringify(line.length > max ? `${line.slice(0, max)}…` : line);
}

function keyPath(parent: string, key: string): string {
  const safe = key.replace(/[\u0000-\u001f\u007f]/g, '?');
  const name = safe.length > 40 ? `${safe.slice(0, 40)}…` : safe;
  return parent ? `${parent}.${name}` : name;
}

const secretSentence = (path: string) =>
  `"${path}": a key is never part of a policy, so it was ignored; each user enters the backend's API key once on this page.`;

/** Unknown keys of an object, each said once; the known ones are returned to be read. */
function unknownKeys(record: Record<string, unknown>, known: readonly string[], parent: string, problems: string[], what: string): void {
  for (const key of Object.keys(record)) {
    if (known.includes(key)) continue;
    const path = keyPath(parent, key);
    problems.push(SECRET_NAME.test(key) ? secretSentence(path) : `"${path}" is not a setting ${what}; it was ignored.`);
  }
}

function readInstance(raw: unknown, at: string, floorSec: number, problems: string[]): PolicyInstance | null {
  if (!isRecord(raw)) {
    problems.push(`"${at}" must be an object with a "url", not ${kind(raw)}; it was left out.`);
    return null;
  }
  unknownKeys(raw, POLICY_INSTANCE_KEYS, at, problems, 'of a NetBox instance');
  if (!('url' in raw)) {
    problems.push(`"${at}" has no "url"; it was left out.`);
    return null;
  }
  if (typeof raw.url !== 'string') {
    problems.push(`"${at}.url" must be a web address in quotes, not ${kind(raw.url)}; that instance was left out.`);
    return null;
  }
  const where = normaliseNetBoxUrl(raw.url);
  if (!where.ok) {
    problems.push(`"${at}.url" (${quote(raw.url)}) is not a NetBox address: ${where.reason} That instance was left out.`);
    return null;
  }
  const instance: PolicyInstance = { baseUrl: where.baseUrl, origin: where.origin };

  if ('backendUrl' in raw) {
    const backend = typeof raw.backendUrl === 'string' ? normaliseBackendUrl(raw.backendUrl) : null;
    if (backend?.ok) instance.backendUrl = backend.baseUrl;
    else if (backend) problems.push(`"${at}.backendUrl" (${quote(raw.backendUrl as string)}) is not a backend address: ${backend.reason} The instance applies without it.`);
    else problems.push(`"${at}.backendUrl" must be a web address in quotes, not ${kind(raw.backendUrl)}; the instance applies without it.`);
  }

  if ('pollIntervalSec' in raw) {
    const value = raw.pollIntervalSec;
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      problems.push(`"${at}.pollIntervalSec" must be a whole number of seconds, not ${typeof value === 'number' ? String(value) : kind(value)}; it was ignored.`);
    } else {
      const checked = validatePollInterval(value, floorSec);
      if (checked.ok) instance.pollIntervalSec = checked.value;
      else problems.push(`"${at}.pollIntervalSec" (${value}) is out of range: ${checked.reason} It was ignored.`);
    }
  }

  if ('badgeLevels' in raw) {
    const levels = readLevels(raw.badgeLevels, `${at}.badgeLevels`, problems);
    if (levels) instance.badgeLevels = levels;
  }
  return instance;
}

function readLevels(raw: unknown, at: string, problems: string[]): Level[] | null {
  if (!Array.isArray(raw)) {
    problems.push(`"${at}" must be a list of levels such as ["ERROR", "CRITICAL"], not ${kind(raw)}; it was ignored.`);
    return null;
  }
  const chosen = new Set<Level>();
  for (const item of raw) {
    const level = typeof item === 'string' ? LEVELS.find((l) => l === item.trim().toUpperCase()) : undefined;
    if (level) chosen.add(level);
    else problems.push(`"${at}" has ${typeof item === 'string' ? quote(item, 20) : kind(item)}, which is not a level (${LEVELS.join(', ')}); it was ignored.`);
  }
  if (chosen.size === 0) {
    if (raw.length === 0) problems.push(`"${at}" names no level; it was ignored.`);
    return null;
  }
  return LEVELS.filter((l) => chosen.has(l));
}

/**
 * The policy in storage.managed as settings to apply, and a sentence for each thing left
 * out. Never throws: whatever the administrator wrote, the extension keeps running.
 */
export function readPolicy(raw: unknown, floorSec: number): Policy {
  if (raw === undefined || raw === null || (isRecord(raw) && Object.keys(raw).length === 0)) return { ...NO_POLICY, problems: [] };
  const problems: string[] = [];
  if (!isRecord(raw)) {
    return { set: true, instances: [], allowUserInstances: true, problems: [`The policy for this extension must be an object of named settings, not ${kind(raw)}; it was ignored.`] };
  }
  unknownKeys(raw, POLICY_KEYS, '', problems, 'of Proxbox Backend Logs');

  let allowUserInstances = true;
  if ('allowUserInstances' in raw) {
    if (typeof raw.allowUserInstances === 'boolean') allowUserInstances = raw.allowUserInstances;
    else problems.push(`"allowUserInstances" must be true or false, not ${kind(raw.allowUserInstances)}; users may add their own instances (the default).`);
  }

  const instances: PolicyInstance[] = [];
  if ('instances' in raw) {
    if (!Array.isArray(raw.instances)) {
      problems.push(`"instances" must be a list of NetBox instances, not ${kind(raw.instances)}; no instance was set.`);
    } else {
      const firstAt = new Map<string, number>();
      raw.instances.forEach((item, index) => {
        const at = `instances[${index}]`;
        if (index >= MAX_POLICY_INSTANCES) {
          if (index === MAX_POLICY_INSTANCES) problems.push(`"${at}" and the instances after it were left out: a policy sets at most ${MAX_POLICY_INSTANCES}.`);
          return;
        }
        const instance = readInstance(item, at, floorSec, problems);
        if (!instance) return;
        const first = firstAt.get(instance.baseUrl);
        if (first !== undefined) {
          problems.push(`"${at}.url" names the same NetBox as "instances[${first}]"; it was left out.`);
          return;
        }
        firstAt.set(instance.baseUrl, index);
        instances.push(instance);
      });
    }
  }
  return { set: true, instances, allowUserInstances, problems };
}
