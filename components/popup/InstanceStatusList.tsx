import type { ReadonlySignal } from '@preact/signals';
import { describeFailure } from '@/lib/core/failure-messages';
import type { DisplayPrefs } from '@/lib/browser/display-prefs-storage';
import type { InstanceStatus } from '@/lib/browser/messaging';
import type { RunningSync } from '@/lib/core/sync-active';
import { syncSentence } from '@/lib/core/sync-words';
import type { PopupStore } from './popup-store';

/** "netbox.example.com: 3 new errors." / "...: not logged in to NetBox." in plain sentences. */
export function statusSentence(status: InstanceStatus): string {
  if (status.state !== 'ok') {
    const failure = status.lastError ?? { kind: status.state };
    const { title } = describeFailure(failure, { instanceLabel: status.label, baseUrl: status.baseUrl });
    const counted = status.count > 0 ? ` ${status.count} new ${status.count === 1 ? 'error' : 'errors'} found before.` : '';
    return `${title}.${counted}`;
  }
  if (status.count > 0) return `${status.count} new ${status.count === 1 ? 'error' : 'errors'}.`;
  if (status.lastSuccessAt === null) return 'Not checked yet.';
  return 'No new errors.';
}

/** The sync running on an instance's backend, and "Show this run" (its logs from its start). */
function RunningSyncLine(props: { sync: RunningSync; label: string; display?: ReadonlySignal<DisplayPrefs>; onShowRun: (startedAt: number) => void }) {
  const { run } = props.sync;
  const zone = props.display?.value.timeZone ?? 'local';
  return (
    <div class="sync" role="group" aria-label={`Sync running on ${props.label}`}>
      <span class="sync-text">{syncSentence(props.sync, { zone, now: Date.now() })}</span>
      {run.id ? (
        <span class="sync-op">
          <span class="sync-label">Operation ID</span> <code title={run.id}>{run.id}</code>
        </span>
      ) : null}
      <button type="button" class="btn btn-small" onClick={() => void props.onShowRun(run.startedAt)}>
        Show this run
      </button>
    </div>
  );
}

export function InstanceStatusList({ store, display }: { store: PopupStore; display?: ReadonlySignal<DisplayPrefs> }) {
  const statuses = store.statuses.value;
  if (store.instances.value.length === 0) {
    return (
      <section class="instances">
        <p class="muted">No NetBox added yet. Open a NetBox page and choose “Enable on this site”, or add one in the options.</p>
      </section>
    );
  }
  if (!statuses) {
    return (
      <section class="instances">
        <p class="muted">Checking…</p>
      </section>
    );
  }
  return (
    <section class="instances" aria-label="NetBox instances">
      <ul>
        {statuses.map((status) => {
          const action =
            status.state !== 'ok'
              ? describeFailure(status.lastError ?? { kind: status.state }, { instanceLabel: status.label, baseUrl: status.baseUrl }).action
              : undefined;
          return (
            <li key={status.instanceId} class={`instance state-${status.state === 'ok' ? (status.count > 0 ? 'errors' : 'ok') : 'failed'}`}>
              <span class="dot" aria-hidden="true" />
              <div class="instance-text">
                <strong>{status.label}</strong>: {statusSentence(status)}
                {action?.kind === 'link' || action?.kind === 'accept-certificate' ? (
                  <>
                    {' '}
                    <a href={action.href} target="_blank" rel="noreferrer">
                      {action.label}
                    </a>
                  </>
                ) : null}
                {action?.kind === 'connect' ? (
                  <>
                    {' '}
                    <button type="button" class="link" onClick={() => void store.openOptions(status.instanceId)}>
                      {action.label}
                    </button>
                  </>
                ) : null}
                {status.sync ? (
                  <RunningSyncLine
                    sync={status.sync}
                    label={status.label}
                    display={display}
                    onShowRun={(startedAt) => void store.showRun(status.instanceId, startedAt)}
                  />
                ) : null}
              </div>
              {status.count > 0 ? (
                <button type="button" class="btn btn-small" onClick={() => void store.showErrors(status.instanceId)}>
                  Show errors
                </button>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
