import { extensionAlive } from '../browser/extension-alive';

// One panel per page. The content script may run twice in a page (registered, and injected
// into the tabs already open when the instance was added; or the extension updated under
// the page): the latest copy takes over and the earlier one removes its panel. Who owns the
// page is kept on the global object of the extension's isolated world, which every copy of
// the script shares and the page's own scripts cannot see: nothing the page writes (an
// attribute, a posted message, an event) can take the panel away.

/** The isolated world's global property holding the current owner. */
const OWNER = '__proxboxLogsOwner';

interface Owner {
  /** Called by the copy that takes over. */
  release(): void;
}

export interface PageClaim {
  /** Aborts when another copy of the script takes the page over, or the extension went away under it. */
  signal: AbortSignal;
  /** "Do I still own the page?" (checks that the extension is still there, too). */
  ownsPage(): boolean;
}

/** Makes this copy of the content script the page's owner; the previous owner lets go at once. */
export function claimPage(alive: () => boolean = extensionAlive): PageClaim {
  const world = globalThis as Record<string, unknown>;
  (world[OWNER] as Owner | undefined)?.release();
  const life = new AbortController();
  const me: Owner = { release: () => life.abort() };
  world[OWNER] = me;
  return {
    signal: life.signal,
    ownsPage() {
      if (!life.signal.aborted && (world[OWNER] !== me || !alive())) life.abort();
      return !life.signal.aborted;
    },
  };
}
