import type { NetBoxInstance } from '../core/instance';
import { forgetBackend } from './backend-keys';
import { syncContentScripts } from './content-registration';
import { patternsOf, releaseUnusedOrigins } from './origin-permissions';

// What goes with instances that left the list (the user removed one, or the policy no
// longer allows the user's own): their backend keys and gates, every origin no remaining
// instance uses, and the content script's registration on their origins.

export async function forgetInstances(gone: readonly NetBoxInstance[], remaining: readonly NetBoxInstance[]): Promise<void> {
  if (gone.length === 0) return;
  for (const instance of gone) await forgetBackend(instance.id).catch(() => undefined);
  await releaseUnusedOrigins(gone.flatMap(patternsOf), remaining);
  await syncContentScripts(remaining).catch((e: unknown) => console.warn('[proxbox] updating the content script failed', e));
}
