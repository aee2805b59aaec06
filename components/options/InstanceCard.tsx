import { useEffect, useId, useState } from 'preact/hooks';
import { instanceLabel, type NetBoxInstance } from '@/lib/core/instance';
import { LEVELS } from '@/lib/core/log-types';
import { accessSentence } from '@/lib/core/match-pattern';
import { isManaged } from '@/lib/core/managed-instances';
import {
  draftFromSettings,
  pollIntervalFloorSec,
  validateInstanceSettings,
  type InstanceSettingsDraft,
  type SettingsField,
} from '@/lib/core/settings';
import { BackendConnectForm } from '../BackendConnectForm';
import { InstanceCheck } from './InstanceCheck';
import type { OptionsStore } from './options-store';

/** One instance: where it is, its status check, its settings (saved with "Save") and "Remove". */
export function InstanceCard({ store, instance }: { store: OptionsStore; instance: NetBoxInstance }) {
  const id = useId();
  const label = instanceLabel(instance);
  const floor = pollIntervalFloorSec();
  const [draft, setDraft] = useState<InstanceSettingsDraft>(() => draftFromSettings(instance));
  const [errors, setErrors] = useState<Partial<Record<SettingsField, string>>>({});
  const [saved, setSaved] = useState<'idle' | 'saving' | 'saved'>('idle');
  const [removing, setRemoving] = useState(false);

  // Another tab (or the popup) changed this instance: show what is stored.
  const stored = JSON.stringify(draftFromSettings(instance));
  useEffect(() => {
    setDraft(draftFromSettings(instance));
  }, [stored]);

  function edit(patch: Partial<InstanceSettingsDraft>) {
    setDraft((d) => ({ ...d, ...patch }));
    setSaved('idle');
  }

  function toggleLevel(level: string, on: boolean) {
    const levels = new Set(draft.badgeLevels);
    if (on) levels.add(level);
    else levels.delete(level);
    edit({ badgeLevels: LEVELS.filter((l) => levels.has(l)) });
  }

  async function onSubmit(event: Event) {
    event.preventDefault();
    const result = validateInstanceSettings(draft, { floorSec: floor });
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    setErrors({});
    setSaved('saving');
    await store.save(instance.id, result.value);
    setSaved('saved');
  }

  const access = store.access.value[instance.id];
  // The administrator's instance: not removable, and what the policy sets is not editable.
  const managed = isManaged(instance);
  const byPolicy = { pollIntervalSec: isManaged(instance, 'pollIntervalSec'), badgeLevels: isManaged(instance, 'badgeLevels') };
  const fieldError = (field: SettingsField) =>
    errors[field] ? (
      <p id={`${id}-${field}-error`} class="error" role="alert">
        {errors[field]}
      </p>
    ) : null;
  const described = (field: SettingsField, help?: string) =>
    [help, errors[field] ? `${id}-${field}-error` : undefined].filter(Boolean).join(' ') || undefined;

  return (
    <article class="card instance" aria-label={label} data-instance-id={instance.id}>
      <header class="instance-header">
        <h3>
          <a href={instance.baseUrl} target="_blank" rel="noreferrer">
            {label}
          </a>
        </h3>
        {managed ? (
          <span class="managed-mark">Set by your administrator</span>
        ) : (
          <button
            type="button"
            class="btn btn-danger-outline"
            disabled={removing}
            onClick={() => {
              setRemoving(true);
              void store.remove(instance.id).finally(() => setRemoving(false));
            }}
          >
            Remove
          </button>
        )}
      </header>

      <p class="help access">{accessSentence(instance)}</p>
      {access === false ? (
        <p class="state state-error">
          The browser does not let the extension reach {instance.origin}.{' '}
          {/* The administrator's origins are asked for together, above (PolicySection). */}
          {managed ? (
            'Allow access under “Set by your administrator” above.'
          ) : (
            <button type="button" class="btn btn-link" onClick={() => void store.grant(instance.id)}>
              Allow access
            </button>
          )}
        </p>
      ) : null}
      <InstanceCheck instance={instance} check={store.checks.value[instance.id]} onRecheck={() => void store.check(instance.id)} />
      {instance.logsVia === 'backend' ? (
        <section class="backend" aria-label="Proxbox backend">
          <h4>Proxbox backend</h4>
          <p class="help">
            This NetBox's Proxbox plugin does not serve the logs; the extension reads them from proxbox-api itself, with its API
            key. The key stays in this browser's extension storage and is sent only to this address.
          </p>
          <BackendConnectForm instance={instance} connect={store.connectBackend} />
        </section>
      ) : null}

      <form class="settings" onSubmit={onSubmit} noValidate>
        <div class="field">
          <label for={`${id}-path`}>Logs proxy path</label>
          <input
            id={`${id}-path`}
            type="text"
            spellcheck={false}
            value={draft.proxyPath}
            aria-invalid={errors.proxyPath ? true : undefined}
            aria-describedby={described('proxyPath', `${id}-path-help`)}
            onInput={(e) => edit({ proxyPath: (e.currentTarget as HTMLInputElement).value })}
          />
          <p id={`${id}-path-help`} class="help">
            Relative to the NetBox address. Default /api/plugins/proxbox/logs/.
          </p>
          {fieldError('proxyPath')}
        </div>

        <div class="field">
          <label for={`${id}-interval`}>Polling interval (seconds)</label>
          <input
            id={`${id}-interval`}
            type="number"
            inputMode="numeric"
            min={floor}
            step={1}
            class="narrow"
            readOnly={byPolicy.pollIntervalSec}
            value={draft.pollIntervalSec}
            aria-invalid={errors.pollIntervalSec ? true : undefined}
            aria-describedby={described('pollIntervalSec', `${id}-interval-help`)}
            onInput={(e) => edit({ pollIntervalSec: (e.currentTarget as HTMLInputElement).value })}
          />
          <p id={`${id}-interval-help`} class="help">
            {byPolicy.pollIntervalSec
              ? 'How often the badge checks for new errors. Set by your administrator.'
              : `How often the badge checks for new errors; at least ${floor} ${floor === 1 ? 'second' : 'seconds'}.`}
          </p>
          {fieldError('pollIntervalSec')}
        </div>

        <fieldset class="field" disabled={byPolicy.badgeLevels} aria-describedby={described('badgeLevels', byPolicy.badgeLevels ? `${id}-levels-help` : undefined)}>
          <legend>Levels counted on the badge</legend>
          <div class="checks">
            {LEVELS.map((level) => (
              <label key={level} class="check-label">
                <input
                  type="checkbox"
                  checked={draft.badgeLevels.includes(level)}
                  onChange={(e) => toggleLevel(level, (e.currentTarget as HTMLInputElement).checked)}
                />
                {level}
              </label>
            ))}
          </div>
          {byPolicy.badgeLevels ? (
            <p id={`${id}-levels-help`} class="help">
              Set by your administrator.
            </p>
          ) : null}
          {fieldError('badgeLevels')}
        </fieldset>

        <div class="field">
          <label class="check-label">
            <input
              type="checkbox"
              checked={draft.notifications}
              onChange={(e) => edit({ notifications: (e.currentTarget as HTMLInputElement).checked })}
            />
            Desktop notifications
          </label>
          <p class="help">One notification per check with new errors; clicking it opens them.</p>
        </div>

        <div class="actions">
          <button type="submit" class="btn btn-primary" disabled={saved === 'saving'}>
            Save
          </button>
          <span class="saved" role="status">
            {saved === 'saved' ? 'Saved' : ''}
          </span>
        </div>
      </form>
    </article>
  );
}
