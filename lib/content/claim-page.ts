const MARKER = 'data-proxbox-logs';
const OWNER = 'data-proxbox-logs-owner';

/**
 * Marks the page as having the Backend Logs panel and makes this copy of the content
 * script its owner. A later copy (the script injected again, or the extension updated)
 * takes over; the earlier one sees it no longer owns the page and removes its panel, so
 * the page never has two. Returns "do I still own the page?".
 */
export function claimPage(): () => boolean {
  const html = document.documentElement;
  const token = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  html.setAttribute(MARKER, 'loaded');
  html.setAttribute(OWNER, token);
  return () => html.getAttribute(OWNER) === token;
}
