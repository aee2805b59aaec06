import type { ReadonlySignal } from '@preact/signals';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { instanceLabel, type NetBoxInstance } from '../lib/core/instance';
import { BackendConnectForm } from './BackendConnectForm';
import type { LogsController } from '../lib/core/logs-controller';
import type { LogFilters } from '../lib/core/log-types';
import { instanceForUrl } from '../lib/core/settings';
import { loadInstances, watchInstances } from '../lib/browser/settings-storage';
import type { DisplayPrefs } from '../lib/browser/display-prefs-storage';
import { createInstanceLogs } from '../lib/browser/instance-logs-controller';
import { askActiveSync, type AskActiveSync } from '../lib/browser/active-sync';
import { InstancePicker } from './InstancePicker';
import { LogsPanel } from './LogsPanel';
import type { SidePanelParams } from './side-panel-params';
import { watchActiveTabUrl } from '../lib/browser/watch-active-tab-url';
import type { Theme } from './netbox-theme';

export interface SidePanelAppProps {
  params: SidePanelParams;
  theme: ReadonlySignal<Theme>;
  /** Display preferences (time zone), followed live. */
  display?: ReadonlySignal<DisplayPrefs>;
  /** Injected in tests; the real one fetches from the extension page with the host permission. */
  createLogs?: (instance: NetBoxInstance, filters?: Partial<LogFilters>) => LogsController;
  loadAll?: () => Promise<NetBoxInstance[]>;
  watchAll?: (cb: (instances: NetBoxInstance[]) => void) => () => void;
  watchTabUrl?: (cb: (url: string) => void) => () => void;
  /** Tests: how the panel asks whether a sync runs (default: the worker). */
  askSync?: (instanceId: string) => AskActiveSync;
}

/**
 * The side panel: the LogsPanel full height, for the instance picked in "NetBox instance"
 * (following the active tab when it shows one of the added instances). Starts filtered as
 * the query string says.
 */
export function SidePanelApp(props: SidePanelAppProps) {
  const { params, createLogs = createInstanceLogs, loadAll = loadInstances, watchAll = watchInstances } = props;
  const watchTabUrl = props.watchTabUrl ?? watchActiveTabUrl;
  const [instances, setInstances] = useState<NetBoxInstance[] | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(params.instanceId);
  const [tabUrl, setTabUrl] = useState<string | null>(null);
  // An explicit ?instance= wins over the tab that happens to be active when the panel opens.
  const ignoreFirstTab = useRef(params.instanceId !== null);
  const paramsUsed = useRef(false);

  useEffect(() => {
    let live = true;
    loadAll()
      .then((list) => live && setInstances(list))
      .catch(() => live && setInstances([]));
    const unwatch = watchAll(setInstances);
    return () => {
      live = false;
      unwatch();
    };
  }, []);

  useEffect(
    () =>
      watchTabUrl((url) => {
        if (ignoreFirstTab.current) ignoreFirstTab.current = false;
        else setTabUrl(url);
      }),
    [],
  );

  useEffect(() => {
    const match = instances && tabUrl ? instanceForUrl(instances, tabUrl) : undefined;
    if (match) setSelectedId(match.id);
  }, [instances, tabUrl]);

  const instance = instances?.find((i) => i.id === selectedId) ?? instances?.[0] ?? null;

  const logs = useMemo(() => {
    if (!instance) return null;
    // The query string's filters are for the instance it names (or the first one shown).
    const useParams = !paramsUsed.current && (params.instanceId === null || params.instanceId === instance.id);
    if (useParams) paramsUsed.current = true;
    return createLogs(instance, useParams ? params.filters : undefined);
  }, [instance?.id, instance?.baseUrl, instance?.proxyPath, instance?.logsVia, instance?.backendUrl]);
  const [connecting, setConnecting] = useState(false);
  const askSync = useMemo(() => (instance ? (props.askSync ?? askActiveSync)(instance.id) : undefined), [instance?.id]);

  const heading = (
    <div class="pbl-heading">
      <h1 class="pbl-title">Backend Logs</h1>
      {instances && instances.length > 0 && (
        <InstancePicker instances={instances} value={instance?.id ?? null} onChange={setSelectedId} />
      )}
    </div>
  );

  return (
    <main class="pbl-root pbl-root--full" data-theme={props.theme.value}>
      {instance && connecting && (
        <BackendConnectForm
          instance={instance}
          focusKey
          onConnected={() => {
            setConnecting(false);
            void logs?.refresh();
          }}
        />
      )}
      {instance && logs ? (
        <LogsPanel
          key={instance.id}
          vm={logs}
          instanceLabel={instanceLabel(instance)}
          baseUrl={instance.baseUrl}
          linkTarget="_blank"
          heading={heading}
          shortcutScope="document"
          onConnect={() => setConnecting(true)}
          display={props.display}
          askSync={askSync}
        />
      ) : (
        <div class="pbl-panel" role="region" aria-label="Backend Logs">
          <div class="pbl-header">{heading}</div>
          <div class="pbl-empty" role="status">
            {instances === null ? (
              <span>Loading…</span>
            ) : (
              <>
                <span>No NetBox instance added yet. Add your NetBox in the extension's options.</span>
                <button type="button" class="pbl-btn pbl-btn--sm" onClick={() => void browser.runtime.openOptionsPage()}>
                  Open options
                </button>
              </>
            )}
          </div>
        </div>
      )}
    </main>
  );
}
