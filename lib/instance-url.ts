export type NormalisedUrl =
  | { ok: true; baseUrl: string; origin: string; /** e.g. "https://nb.example.com/*" */ originPattern: string }
  | { ok: false; reason: string };

/**
 * Turns what a user pastes (a NetBox address, a page URL, an /api/ URL, with or without
 * scheme or trailing slash) into the instance's base URL (origin + BASE_PATH), or a reason.
 */
export function normaliseNetBoxUrl(input: string): NormalisedUrl {
  throw new Error('not implemented');
}
