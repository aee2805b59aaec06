// Firefox runs the MV3 background as an event page (background.scripts), not a service
// worker, and unloads it when idle (after 30 s by default; 1 s here). The badge must still
// rise: the alarm wakes the page, which polls with what it keeps in storage.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor, type FirefoxExtension } from './firefox';
import { addInstance, closeAll, control, logIn, netBoxWithFirefox, setPollInterval, type Simulator, waitForFirstPoll } from './netbox';

let ext: FirefoxExtension;
let sim: Simulator;

beforeAll(async () => {
  ({ sim, ext } = await netBoxWithFirefox({ prefs: { 'extensions.background.idle.timeout': 1000 } }));
});

afterAll(() => closeAll(ext, sim));

/** The background contexts running now (runtime.getContexts does not wake a suspended page). */
function runningBackgrounds(): Promise<number> {
  return ext.inExtension(async (api) => (await api.runtime.getContexts({ contextTypes: ['BACKGROUND'] })).length as number);
}

describe('firefox: the background event page', () => {
  it('is unloaded when idle and woken by its alarm, which raises the badge for a new ERROR', async () => {
    const page = await ext.newPage();
    await logIn(page, sim);
    await addInstance(ext, sim.baseUrl);
    await setPollInterval(ext, 4);
    await waitForFirstPoll(ext);
    await page.close();
    expect(await ext.badgeText()).toBe('');

    // Idle between two alarms: Firefox unloads the page.
    await waitFor(async () => (await runningBackgrounds()) === 0, 'the event page to be unloaded', 15_000);
    await control(sim.origin, 'logs', { level: 'ERROR', message: 'written while the background slept' });

    await waitFor(async () => (await ext.badgeText()) === '1', 'badge "1" after the alarm woke the page', 15_000);
    // The count survived the unload too: it is in storage, not in the page's memory.
    await waitFor(async () => (await runningBackgrounds()) === 0, 'the event page to be unloaded again', 15_000);
    const status = await ext.inBackground(async (bg) => {
      await bg.proxboxWorker!.ready;
      return bg.proxboxWorker!.getStatus();
    });
    expect(status).toEqual([expect.objectContaining({ count: 1, state: 'ok' })]);
  });

  it('throws no uncaught error in any page', async () => {
    expect(await ext.errors()).toEqual([]);
  });
});
