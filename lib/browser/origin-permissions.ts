import { browser } from 'wxt/browser';
import type { NetBoxInstance } from '../core/instance';
import { hostWidePattern, originMatchPattern } from '../core/match-pattern';

// The extension holds a host permission only for origins the user added: each NetBox, and
// each backend address the user connected (contract §3). When an instance goes, or its
// backend moves, the origins nothing uses any more are given back.

/** The match patterns an instance needs: its NetBox, and its backend when it reads from one. */
export function patternsOf(instance: Pick<NetBoxInstance, 'origin' | 'backendUrl'>): string[] {
  const patterns = [originMatchPattern(instance.origin)];
  if (instance.backendUrl) patterns.push(originMatchPattern(instance.backendUrl));
  return patterns;
}

/**
 * Removes the permissions for these patterns that no remaining instance needs, and the
 * host-wide grant an earlier version asked for (every port) when nothing left is on that host.
 */
export async function releaseUnusedOrigins(patterns: readonly string[], remaining: readonly Pick<NetBoxInstance, 'origin' | 'backendUrl'>[]): Promise<void> {
  const needed = remaining.flatMap(patternsOf);
  const inUse = new Set([...needed, ...needed.map(hostWidePattern)]);
  const unused = [...new Set(patterns)].filter((p) => !inUse.has(p));
  const hostWide = [...new Set(unused.map(hostWidePattern))].filter((p) => !inUse.has(p) && !unused.includes(p));
  // One call each: a browser refuses a whole call naming a declared host (the e2e build's)
  // or, maybe, one it never granted.
  for (const origins of [unused, hostWide]) {
    if (origins.length > 0) await browser.permissions.remove({ origins }).catch(() => false);
  }
}
