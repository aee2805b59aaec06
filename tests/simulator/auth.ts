// NetBox's users, Django sessions and API tokens, as far as the extension meets them.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { parseCookies } from './http';

export interface User {
  id: number;
  username: string;
  password: string;
  isSuperuser: boolean;
  /** The `view` permission on the plugin's FastAPIEndpoint model. */
  canViewEndpoint: boolean;
}

export const USERS: readonly User[] = [
  { id: 1, username: 'admin', password: 'admin', isSuperuser: true, canViewEndpoint: true },
  { id: 2, username: 'viewer', password: 'viewer', isSuperuser: false, canViewEndpoint: false },
];

/** API tokens the simulator accepts: a v1 `Token <key>` and a v2 `Bearer nbt_<key>.<token>`. */
export const DEFAULT_API_TOKENS: Readonly<Record<string, string>> = {
  '0123456789abcdef0123456789abcdef01234567': 'admin',
  'nbt_simkey0001.0123456789abcdef0123456789abcdef': 'admin',
  'fedcba9876543210fedcba9876543210fedcba98': 'viewer',
};

const MAX_SESSIONS = 1000;

export function findUser(username: string, password: string): User | undefined {
  return USERS.find((u) => u.username === username && u.password === password);
}

/** A Django-like random token (session key, CSRF secret). */
export function randomToken(length = 32): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from(randomBytes(length), (b) => alphabet[b % alphabet.length]).join('');
}

/** Server-side sessions keyed by the `sessionid` cookie; the oldest go past MAX_SESSIONS. */
export class Sessions {
  private readonly byId = new Map<string, User>();

  create(user: User): string {
    const id = randomToken(32);
    this.byId.set(id, user);
    if (this.byId.size > MAX_SESSIONS) this.byId.delete(this.byId.keys().next().value!);
    return id;
  }

  userOf(id: string | undefined): User | undefined {
    return id ? this.byId.get(id) : undefined;
  }

  delete(id: string | undefined): void {
    if (id) this.byId.delete(id);
  }

  /** Every session ends, as when they expire or the server's secret changes. */
  expireAll(): number {
    const count = this.byId.size;
    this.byId.clear();
    return count;
  }

  get count(): number {
    return this.byId.size;
  }
}

export type Identity =
  | { kind: 'user'; user: User; via: 'session' | 'token' }
  | { kind: 'anonymous' }
  | { kind: 'bad-token' };

/** Who is asking: a session cookie, or (for /api/ only) an API token. */
export function identify(
  req: IncomingMessage,
  sessions: Sessions,
  tokens: Readonly<Record<string, string>>,
  allowTokens: boolean,
): Identity {
  const header = req.headers.authorization;
  if (allowTokens && header) {
    const m = /^(?:Token ([0-9a-zA-Z]+)|Bearer (nbt_[0-9a-zA-Z]+\.[0-9a-zA-Z]+))$/.exec(header.trim());
    const username = m ? tokens[(m[1] ?? m[2])!] : undefined;
    const user = USERS.find((u) => u.username === username);
    return user ? { kind: 'user', user, via: 'token' } : { kind: 'bad-token' };
  }
  const user = sessions.userOf(parseCookies(req).get('sessionid'));
  return user ? { kind: 'user', user, via: 'session' } : { kind: 'anonymous' };
}
