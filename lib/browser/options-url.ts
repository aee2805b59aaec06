import { browser } from 'wxt/browser';

// The options page, opened at one instance's card ("#instance=<id>"): where a key or a
// backend address is typed, never into a web page.

export const INSTANCE_HASH = 'instance=';

export function optionsUrl(instanceId?: string): string {
  const page = browser.runtime.getURL('/options.html');
  return instanceId ? `${page}#${INSTANCE_HASH}${encodeURIComponent(instanceId)}` : page;
}

/** The instance id in an options page hash, or null. */
export function instanceOfHash(hash: string): string | null {
  const at = hash.indexOf(INSTANCE_HASH);
  if (at < 0) return null;
  try {
    return decodeURIComponent(hash.slice(at + INSTANCE_HASH.length)) || null;
  } catch {
    return null;
  }
}
