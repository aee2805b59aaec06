// The panel's shadow roots are closed: `host.shadowRoot` is null for every script but the
// one that attached it, which keeps the reference (in the browser, the extension's
// isolated world). Tests take the same reference: attachShadow is watched from import on.
import { vi } from 'vitest';

const roots = new WeakMap<Element, ShadowRoot>();
const attach = Element.prototype.attachShadow;
vi.spyOn(Element.prototype, 'attachShadow').mockImplementation(function (this: Element, init: ShadowRootInit) {
  const root = attach.call(this, init);
  roots.set(this, root);
  return root;
});

/** The shadow root the code attached to `host` (open or closed), or null. */
export function shadowRootOf(host: Element | null | undefined): ShadowRoot | null {
  return (host && roots.get(host)) ?? null;
}
