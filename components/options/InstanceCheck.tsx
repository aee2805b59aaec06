import { describeFailure, formatClockTime, loginUrl } from '@/lib/core/failure-messages';
import { backendLabel, instanceLabel, type NetBoxInstance } from '@/lib/core/instance';
import { normaliseBackendUrl } from '@/lib/core/instance-url';
import type { CheckSteps, StatusCheck } from './options-store';

// The proof, step by step, that this browser can read the instance's logs: the NetBox
// session, the plugin's answer, the backend's /health (direct mode), and the last read
// the worker made. Green only when logs were actually read.

type Step = { name: string; ok: boolean | null; text: string; link?: { label: string; href: string } };

/**
 * The plugin's discovery answer, and where the logs are really read from: the address the
 * user set (NetBox often names one only it can reach), which may not be the one NetBox names.
 */
function namedBackendText(instance: NetBoxInstance, named: string | undefined): string {
  const where = named ? normaliseBackendUrl(named) : null;
  const says = where?.ok
    ? `Names the backend at ${where.baseUrl}`
    : named
      ? `Names the backend at ${named}`
      : 'Names no backend (no enabled FastAPI endpoint, no permission to view it, or its key not verified)';
  if (instance.logsVia !== 'backend' || !instance.backendUrl) return `${says}.`;
  if (where?.ok && where.baseUrl === instance.backendUrl) return `${says}; the logs are read from there.`;
  return `${says}; the logs are read from ${backendLabel(instance)}, the address set below.`;
}

/** The worker's last read, as a step: green only when logs were read; waiting for the user's key is not a failure. */
function logsStep(instance: NetBoxInstance, worker: NonNullable<CheckSteps['worker']>, ctx: { instanceLabel: string; baseUrl: string }): Step {
  if (worker.state === 'ok') {
    if (worker.lastSuccessAt === null) return { name: 'Logs', ok: null, text: 'Not read yet.' };
    return { name: 'Logs', ok: true, text: `${instance.logsVia === 'backend' ? 'Key accepted; logs' : 'Logs'} read at ${formatClockTime(worker.lastSuccessAt)}.` };
  }
  if (worker.state === 'key-needed') return { name: 'Logs', ok: null, text: "Waiting for the backend's API key: enter it below." };
  const m = describeFailure(worker.lastError ?? { kind: worker.state }, ctx);
  return { name: 'Logs', ok: false, text: `${m.title}. ${m.sentence}` };
}

function stepsOf(instance: NetBoxInstance, check: CheckSteps): Step[] {
  const ctx = { instanceLabel: instanceLabel(instance), baseUrl: instance.baseUrl };
  const steps: Step[] = [];
  const netbox = check.outcome;
  if (!netbox.ok) {
    const m = describeFailure(netbox.failure, ctx);
    steps.push({ name: 'NetBox', ok: false, text: `${m.title}. ${m.sentence}`, ...(m.action?.kind === 'link' ? { link: m.action } : {}) });
    return steps;
  }
  const s = netbox.value;
  if (!s.loggedIn) {
    steps.push({ name: 'NetBox', ok: false, text: 'Not logged in to NetBox in this browser.', link: { label: 'Log in', href: loginUrl(instance.baseUrl) } });
    return steps;
  }
  steps.push({
    name: 'NetBox',
    ok: true,
    text: `NetBox ${s.netboxVersion} · ${s.proxboxVersion ? `Proxbox plugin ${s.proxboxVersion}` : 'Proxbox plugin not installed'} · logged in`,
  });

  const plugin = check.plugin;
  if (plugin) {
    if (plugin.ok) steps.push({ name: 'Plugin', ok: true, text: 'Serves the logs through NetBox.' });
    else if (plugin.failure.kind === 'discovery') steps.push({ name: 'Plugin', ok: true, text: namedBackendText(instance, plugin.failure.backendUrl) });
    else steps.push({ name: 'Plugin', ok: false, text: `${describeFailure(plugin.failure, ctx).title}.` });
  }

  if (instance.logsVia === 'backend') {
    const where = instance.backendUrl ? backendLabel(instance) : '';
    if (!where) steps.push({ name: 'Backend', ok: false, text: 'No backend address yet: enter it below.' });
    else if (check.health === 'no-permission') steps.push({ name: 'Backend', ok: null, text: `${where}: not allowed yet (Connect asks the browser).` });
    else if (check.health?.ok) steps.push({ name: 'Backend', ok: true, text: `${where} answers (/health).` });
    else if (check.health) {
      const f = check.health.failure;
      if (f.kind === 'backend-unreachable') steps.push({ name: 'Backend', ok: false, text: `This browser cannot reach ${where}: enter the address it uses below.` });
      else {
        // A refused certificate, a redirect: the address is right, something else must change.
        const m = describeFailure(f, ctx);
        steps.push({ name: 'Backend', ok: false, text: `${m.title}. ${m.sentence}`, ...(m.action?.kind === 'accept-certificate' ? { link: m.action } : {}) });
      }
    }
  }

  if (check.worker) steps.push(logsStep(instance, check.worker, ctx));
  return steps;
}

export function InstanceCheck({ instance, check, onRecheck }: { instance: NetBoxInstance; check: StatusCheck | undefined; onRecheck: () => void }) {
  const steps = check?.phase === 'done' ? stepsOf(instance, check) : null;
  const readable = steps?.some((s) => s.name === 'Logs' && s.ok === true) ?? false;
  return (
    <div class="check" aria-live="polite">
      {!steps ? (
        <span class="muted">Checking…</span>
      ) : (
        <>
          <p class={`state ${readable ? 'state-ok' : 'state-warn'}`}>
            {readable ? 'Logs can be read' : 'Logs cannot be read yet'}
            {' · '}
            {instance.logsVia === 'backend' ? `from proxbox-api${instance.backendUrl ? ` at ${backendLabel(instance)}` : ''}` : 'through NetBox'}
          </p>
          <ul class="check-steps">
            {steps.map((step) => (
              <li key={step.name} class={step.ok === true ? 'step-ok' : step.ok === false ? 'step-error' : 'step-pending'}>
                <span class="step-mark" aria-hidden="true">
                  {step.ok === true ? '✓' : step.ok === false ? '✗' : '…'}
                </span>
                <span class="visually-hidden">{step.ok === true ? 'Passed: ' : step.ok === false ? 'Failed: ' : 'Pending: '}</span>
                <strong>{step.name}:</strong> {step.text}
                {step.link ? (
                  <>
                    {' '}
                    <a href={step.link.href} target="_blank" rel="noreferrer">
                      {step.link.label}
                    </a>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      )}{' '}
      <button type="button" class="btn btn-link" onClick={onRecheck} disabled={check?.phase === 'checking'}>
        Check again
      </button>
    </div>
  );
}
