import { claimPage } from '@/components/claim-page';
import { createInstanceLogs } from '@/components/instance-logs-controller';
import { mountDockedPanel } from '@/components/mount-docked-panel';
import { listenForShowLogs } from '@/components/show-logs-listener';
import { loadInstances } from '@/lib/settings-storage';
import { pageInstance } from './page-instance';

// Registered at run time on the NetBox origins the user added (no fixed matches).
export default defineContentScript({
  registration: 'runtime',
  async main(ctx) {
    if (!document.documentElement.hasAttribute('data-netbox-version')) return;
    const ownsPage = claimPage();
    const instance = pageInstance(await loadInstances().catch(() => []), location.href);
    if (ctx.signal.aborted || !ownsPage()) return;
    const logs = createInstanceLogs(instance);
    ctx.signal.addEventListener('abort', () => logs.stop(), { once: true });
    const panel = await mountDockedPanel({ vm: logs, loadedEntries: () => logs.entries(), instance, signal: ctx.signal, ownsPage });
    if (!panel) return;
    // The popup's "Show logs": this panel opens on exactly that operation (or the errors).
    listenForShowLogs({ vm: logs, panel, ownsPage, signal: ctx.signal });
  },
});
