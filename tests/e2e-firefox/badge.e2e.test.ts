// Journey: the background polls each added NetBox on an alarm and the toolbar badge counts
// the new errors (ERROR and CRITICAL by default), read with browser.action.getBadgeText
// from an extension page. No poll is triggered by the test: the alarms do it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sleep, waitFor, type FirefoxExtension } from './firefox';
import { addInstance, closeAll, control, logIn, netBoxWithFirefox, setPollInterval, type Simulator, waitForFirstPoll } from './netbox';

let ext: FirefoxExtension;
let sim: Simulator;

beforeAll(async () => {
  ({ sim, ext } = await netBoxWithFirefox());
});

afterAll(() => closeAll(ext, sim));

function badgeBecomes(text: string, timeoutMs = 15_000): Promise<string> {
  return waitFor(async () => {
    const now = await ext.badgeText();
    return now === text ? now : null;
  }, `badge "${text}"`, timeoutMs);
}

describe('firefox: the toolbar badge', () => {
  it('rises for a new ERROR, ignores INFO, and counts CRITICAL too', async () => {
    await control(sim.origin, 'logs', { level: 'ERROR', message: 'an old error, before the instance was added' });
    const page = await ext.newPage();
    await logIn(page, sim);
    await addInstance(ext, sim.baseUrl);
    await setPollInterval(ext, 1);
    await waitForFirstPoll(ext);
    // Errors written before the first poll are not new.
    expect(await ext.badgeText()).toBe('');

    const started = Date.now();
    await control(sim.origin, 'logs', { level: 'ERROR', module: 'devices', message: 'Device write failed' });
    await badgeBecomes('1');
    const riseMs = Date.now() - started;
    console.log(`badge rose ${riseMs} ms after the ERROR was written`);

    await control(sim.origin, 'logs', { count: 3, level: 'INFO', message: 'all fine' });
    await sleep(3000);
    expect(await ext.badgeText()).toBe('1');

    await control(sim.origin, 'logs', {
      entries: [{ level: 'ERROR' }, { level: 'CRITICAL', message: 'sync aborted' }, { level: 'WARNING' }],
    });
    await badgeBecomes('3');
    const title = await ext.inExtension((api) => api.action.getTitle({}) as Promise<string>);
    expect(title).toMatch(/3/);
    await page.close();
  });

  it('throws no uncaught error in any page', async () => {
    expect(await ext.errors()).toEqual([]);
  });
});
