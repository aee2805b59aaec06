import { describeFailure, loginUrl } from '@/lib/failure-messages';
import { instanceLabel, type NetBoxInstance } from '@/lib/instance';
import type { StatusCheck } from './options-store';

/** The outcome of /api/status/ for an instance, in a sentence (versions, logged in or not). */
export function InstanceCheck({ instance, check, onRecheck }: { instance: NetBoxInstance; check: StatusCheck | undefined; onRecheck: () => void }) {
  let body;
  if (!check || check.phase === 'checking') {
    body = <span class="muted">Checking…</span>;
  } else if (check.outcome.ok) {
    const s = check.outcome.value;
    if (!s.loggedIn) {
      body = (
        <span class="state state-warn">
          Not logged in to NetBox in this browser.{' '}
          <a href={loginUrl(instance.baseUrl)} target="_blank" rel="noreferrer">
            Log in
          </a>
        </span>
      );
    } else {
      body = (
        <span class="state state-ok">
          <span>NetBox {s.netboxVersion}</span>
          {' · '}
          {s.proxboxVersion ? <span>Proxbox plugin {s.proxboxVersion}</span> : <span class="state-warn">Proxbox plugin not installed</span>}
          {' · '}
          <span>logged in</span>
        </span>
      );
    }
  } else {
    const message = describeFailure(check.outcome.failure, { instanceLabel: instanceLabel(instance), baseUrl: instance.baseUrl });
    body = (
      <span class="state state-error">
        <strong>{message.title}.</strong> {message.sentence}
        {message.action?.kind === 'link' ? (
          <>
            {' '}
            <a href={message.action.href} target="_blank" rel="noreferrer">
              {message.action.label}
            </a>
          </>
        ) : null}
      </span>
    );
  }
  return (
    <div class="check" aria-live="polite">
      {body}{' '}
      <button type="button" class="btn btn-link" onClick={onRecheck} disabled={check?.phase === 'checking'}>
        Check again
      </button>
    </div>
  );
}
