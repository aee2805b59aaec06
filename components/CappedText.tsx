import { useState } from 'preact/hooks';
import { EXPANDED_CHARS, cutText, formatSize } from './format';

/**
 * A <pre> of untrusted text, rendered as text. Very long text (a 1 MB message) is cut at
 * `limit` characters until the user asks for all of it, so expanding a row never freezes.
 */
export function CappedText(props: { text: string; label: string; wrap?: boolean; limit?: number }) {
  const { text, label, wrap = false, limit = EXPANDED_CHARS } = props;
  const [all, setAll] = useState(false);
  const capped = !all && text.length > limit;
  return (
    <div class="pbl-capped">
      <pre class={`pbl-pre${wrap ? ' pbl-pre--wrap' : ''}`} aria-label={label} tabIndex={0}>
        {capped ? cutText(text, limit) : text}
      </pre>
      {capped && (
        <button type="button" class="pbl-btn pbl-btn--sm" onClick={() => setAll(true)}>
          Show all ({formatSize(text.length)})
        </button>
      )}
    </div>
  );
}
