/** The blob is freed after this: long enough for the browser to have started the download. */
const REVOKE_AFTER_MS = 10_000;

/** Saves text as a file through a temporary blob link (works from a content script too). */
export function downloadFile(fileName: string, text: string, mimeType: string, near: Element): void {
  const url = URL.createObjectURL(new Blob([text], { type: mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  const root = near.getRootNode();
  (root instanceof ShadowRoot ? root : document.body).appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}
