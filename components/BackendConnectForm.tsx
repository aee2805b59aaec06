import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { describeFailure } from '../lib/core/failure-messages';
import { backendLabel, instanceLabel, type NetBoxInstance } from '../lib/core/instance';
import { normaliseBackendUrl } from '../lib/core/instance-url';
import { isManaged } from '../lib/core/managed-instances';
import { sendMessage, type ConnectBackendAnswer, type ConnectBackendRequest } from '../lib/browser/messaging';

export interface BackendConnectFormProps {
  instance: NetBoxInstance;
  /** After the key was accepted and kept. */
  onConnected?: () => void;
  /** The network: tests pass a stand-in for the worker. */
  connect?: (request: ConnectBackendRequest) => Promise<ConnectBackendAnswer>;
  /** Focus the key field when shown (opened on demand, as in the side panel, not one of many on a page). */
  focusKey?: boolean;
}

function connectThroughWorker(request: ConnectBackendRequest): Promise<ConnectBackendAnswer> {
  return sendMessage('connectBackend', request);
}

/**
 * The backend address and API key of an instance that reads straight from proxbox-api.
 * Only ever rendered in an extension page (options, side panel): keystrokes typed into a
 * web page, shadow root or not, reach that page's scripts. The key is never shown back:
 * the field starts empty and is emptied after every try.
 */
export function BackendConnectForm({ instance, onConnected, connect = connectThroughWorker, focusKey = false }: BackendConnectFormProps) {
  const id = useId();
  const keyField = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (focusKey) keyField.current?.focus();
  }, [focusKey]);
  const [typedAddress, setAddress] = useState(instance.backendUrl ?? instance.backendUrlFromNetBox ?? '');
  // An address the administrator's policy sets is shown as it is now, and not editable.
  const byPolicy = isManaged(instance, 'backendUrl');
  const address = byPolicy ? (instance.backendUrl ?? '') : typedAddress;
  const [key, setKey] = useState('');
  const [session, setSession] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string; link?: { label: string; href: string } } | null>(null);

  function onSubmit(event: Event) {
    event.preventDefault();
    const where = normaliseBackendUrl(address);
    if (!where.ok) {
      setOutcome({ ok: false, text: where.reason });
      return;
    }
    if (!key.trim()) {
      setOutcome({ ok: false, text: 'Enter the backend API key (the FastAPI endpoint’s token; an administrator has it).' });
      return;
    }
    // First await of the click: the browser's prompt for the backend's origin alone.
    const asking = browser.permissions.request({ origins: [where.originPattern] }).catch(() => false);
    const typed = key;
    setKey('');
    setBusy(true);
    setOutcome(null);
    void (async () => {
      try {
        if (!(await asking)) {
          setOutcome({ ok: false, text: `Without access to ${where.origin} the extension cannot read the logs. Connect again and choose "Allow".` });
          return;
        }
        const answer = await connect({ instanceId: instance.id, backendUrl: where.baseUrl, key: typed, session });
        // A key the backend never saw (the address failed first: a refused certificate, a
        // redirect) stays in its field, so Connect is the one click after fixing the address.
        if (!answer.ok && answer.step !== 'key') setKey(typed);
        if (answer.ok) {
          setOutcome({ ok: true, text: `Connected: the logs come from proxbox-api at ${backendLabel({ backendUrl: where.baseUrl })}.` });
          onConnected?.();
        } else if (answer.step === 'key' && answer.failure.kind === 'key-rejected') {
          // Only this key was refused: it is not kept, and a key kept before still works.
          const said = answer.failure.detail;
          // The backend's own words end with their full stop: "(Invalid API key. 4 attempts remaining.)"
          const detail = said ? ` (${said})${said.endsWith('.') ? '' : '.'}` : '.';
          setOutcome({
            ok: false,
            text: `Backend API key rejected. proxbox-api at ${backendLabel({ backendUrl: where.baseUrl })} rejected the API key${detail} It was not kept: check it and connect again (after 5 wrong keys the backend locks this address out for 5 minutes).`,
          });
        } else {
          const message = describeFailure(answer.failure, { instanceLabel: instanceLabel(instance), baseUrl: instance.baseUrl });
          const action = message.action?.kind === 'accept-certificate' ? { link: message.action } : {};
          setOutcome({ ok: false, text: `${message.title}. ${message.sentence}`, ...action });
        }
      } catch {
        setOutcome({ ok: false, text: "The extension's background worker did not answer. Try again." });
      } finally {
        setBusy(false);
      }
    })();
  }

  const named = instance.backendUrlFromNetBox;
  return (
    <form class="pbl-connect" onSubmit={onSubmit} noValidate aria-label={`Connect ${instanceLabel(instance)} to its Proxbox backend`}>
      <p class="pbl-connect-help">
        {byPolicy
          ? 'Your administrator set the backend address this browser uses; enter its API key once.'
          : named
          ? `NetBox names the backend at ${named}. If this browser reaches it at another address (NetBox in Docker, say), enter that one.`
          : 'NetBox names no backend address: enter the address of proxbox-api as this browser reaches it.'}
      </p>
      <label for={`${id}-address`}>Backend address</label>
      <input id={`${id}-address`} type="url" spellcheck={false} autoComplete="off" readOnly={byPolicy} value={address} onInput={(e) => setAddress((e.currentTarget as HTMLInputElement).value)} />
      <label for={`${id}-key`}>Backend API key</label>
      <input
        ref={keyField}
        id={`${id}-key`}
        type="password"
        autoComplete="off"
        spellcheck={false}
        value={key}
        onInput={(e) => setKey((e.currentTarget as HTMLInputElement).value)}
      />
      <label class="pbl-connect-check">
        <input type="checkbox" checked={session} onChange={(e) => setSession((e.currentTarget as HTMLInputElement).checked)} />
        Forget the key when the browser closes
      </label>
      <div class="pbl-connect-actions">
        <button type="submit" class="pbl-btn pbl-btn--primary btn btn-primary" disabled={busy}>
          Connect
        </button>
        <span role="status" class={outcome ? (outcome.ok ? 'pbl-connect-ok' : 'pbl-connect-error') : undefined}>
          {busy ? 'Checking the address, then the key (one request)…' : (outcome?.text ?? '')}
        </span>
        {/* The browser's warning for the backend's certificate, in a tab; Connect again after accepting it. */}
        {!busy && outcome?.link && (
          <a class="pbl-btn pbl-btn--sm" href={outcome.link.href} target="_blank" rel="noopener noreferrer">
            {outcome.link.label}
          </a>
        )}
      </div>
    </form>
  );
}
