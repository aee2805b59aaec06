import { LEVELS } from '../lib/core/log-types';

/** Tabler-style badge; an unknown level word from the backend is shown as-is, neutral. */
export function LevelBadge({ level }: { level: string }) {
  const known = (LEVELS as readonly string[]).includes(level);
  return <span class={`pbl-badge pbl-badge--${known ? level.toLowerCase() : 'other'}`}>{level}</span>;
}
