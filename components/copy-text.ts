/**
 * Puts text on the clipboard. navigator.clipboard only exists in secure contexts, and
 * NetBox is often served over plain http on a LAN, so fall back to a hidden textarea and
 * execCommand('copy') (allowed during the click that asked for it).
 */
export async function copyText(text: string, near: Element): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall through to the textarea
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  area.style.pointerEvents = 'none';
  // Inside the panel (possibly a shadow root) so focus does not jump to the page.
  const parent = near.getRootNode() instanceof ShadowRoot ? (near.getRootNode() as ShadowRoot) : document.body;
  parent.appendChild(area);
  try {
    area.select();
    return document.execCommand('copy');
  } catch {
    return false;
  } finally {
    area.remove();
  }
}
