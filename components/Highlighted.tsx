import { highlightParts } from '../lib/core/search-entries';

/** Text with the search matches wrapped in <mark>; every part rendered as plain text. */
export function Highlighted({ text, query }: { text: string; query: string }) {
  if (!query.trim()) return <>{text}</>;
  return (
    <>
      {highlightParts(text, query).map((part, i) => (part.match ? <mark key={i}>{part.text}</mark> : part.text))}
    </>
  );
}
