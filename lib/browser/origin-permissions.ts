import { browser } from 'wxt/browser';
import type { NetBoxInstance } from '../core/instance';
import { originMatchPattern } from '../core/settings';

// The extension holds a host permission only for origins the user added: each NetBox, and
// each backend address the user connected (contract §3). When an instance goes, or its
// backend moves, the origins nothing uses any more are given back.

/** The match patterns an instance needs: its NetBox, and its backend when it reads from one. */
export function patternsOf(instance: Pick<NetBoxInstance, 'origin' | 'backendUrl'>): string[] {
  const patterns = [originMatchPattern(instance.origin)];
  if (instance.backendUrl) patterns.push(originMatchPattern(instance.backendUrl));
  return patterns;
}

/** Removes the permissions for these patterns that no remaining instance needs. */
export async function releaseUnusedOrigins(patterns: readonly string[], remaining: readonly Pick<NetBoxInstance, 'origin' | 'backendUrl'>[]): Promise<void> {
  const inUse = new Set(remaining.flatMap(patternsOf));
  const unused = [...new Set(patterns)].filter((p) => !inUse.has(p));
  if (unused.length === 0) return;
  // Declared (not optional) hosts, as in the e2e build, cannot be removed: fine.
  await browser.permissions.remove({ origins: unused }).catch(() => false);
}
