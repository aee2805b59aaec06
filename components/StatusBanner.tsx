import type { Failure } from '../lib/core/failure';
import { describeFailure } from '../lib/core/failure-messages';
import { formatClockTime } from '../lib/core/format-time';
import { useNow } from './use-now';

export interface StatusBannerProps {
  failure: Failure;
  lastSuccessAt: number | null;
  nextRetryAt: number | null;
  instanceLabel: string;
  baseUrl: string;
  /** '_self' in the page's panel (log in, come back), '_blank' from the side panel. */
  linkTarget: '_self' | '_blank';
  onRetry: () => void;
  /** A key or an address must be typed: the side panel shows its form, the page panel opens the options. */
  onConnect?: () => void;
}

/** What went wrong, in the user's terms, and what to do about it. Rows stay below it. */
export function StatusBanner(props: StatusBannerProps) {
  const { failure, lastSuccessAt, nextRetryAt } = props;
  const message = describeFailure(failure, { instanceLabel: props.instanceLabel, baseUrl: props.baseUrl });
  const action = message.action;
  // The quiet re-checks behind a failure only the user can end send nothing: no countdown.
  const retryAt = message.waitsForUser ? null : nextRetryAt;
  const now = useNow(retryAt !== null);
  const retryIn = retryAt !== null ? Math.max(0, Math.ceil((retryAt - now) / 1000)) : null;
  return (
    <div class="pbl-banner" data-failure={failure.kind}>
      <div role="alert" class="pbl-banner-text">
        <strong class="pbl-banner-title">{message.title}</strong> <span>{message.sentence}</span>
      </div>
      <div class="pbl-banner-meta">
        {action?.kind === 'link' && (
          <a
            class="pbl-btn pbl-btn--primary pbl-btn--sm"
            href={action.href}
            target={props.linkTarget}
            rel={props.linkTarget === '_blank' ? 'noopener noreferrer' : undefined}
          >
            {action.label}
          </a>
        )}
        {/* In the page's panel the certificate is accepted from the options page (the panel's onConnect opens it); elsewhere the browser's warning opens in a tab. */}
        {action?.kind === 'accept-certificate' &&
          (props.linkTarget === '_self' ? (
            props.onConnect && (
              <button type="button" class="pbl-btn pbl-btn--primary pbl-btn--sm" onClick={props.onConnect}>
                {action.label}
              </button>
            )
          ) : (
            <a class="pbl-btn pbl-btn--primary pbl-btn--sm" href={action.href} target="_blank" rel="noopener noreferrer">
              {action.label}
            </a>
          ))}
        {action?.kind === 'connect' && props.onConnect && (
          <button type="button" class="pbl-btn pbl-btn--primary pbl-btn--sm" onClick={props.onConnect}>
            {action.label}
          </button>
        )}
        {action?.kind === 'retry' && (
          <button type="button" class="pbl-btn pbl-btn--sm" onClick={props.onRetry}>
            {action.label}
          </button>
        )}
        {lastSuccessAt !== null && <span>Last successful update {formatClockTime(lastSuccessAt)}</span>}
        {/* At 0 the retry is under way (a NetBox that does not answer keeps it there until our deadline). */}
        {retryIn !== null && <span>{retryIn > 0 ? `Retrying in ${retryIn} s` : 'Retrying now…'}</span>}
        {failure.detail && (
          <span class="pbl-muted" title={failure.detail}>
            {failure.status ? `HTTP ${failure.status}: ` : ''}
            {failure.detail}
          </span>
        )}
      </div>
    </div>
  );
}
