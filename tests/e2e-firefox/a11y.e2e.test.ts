// axe-core in Firefox ESR: the page panel (inside its shadow root) with entries and an
// expanded row, in NetBox's light and dark modes. No serious or critical finding.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PANEL_HOST_ID } from '../../lib/core/panel-injection';
import { axeScript, nodesInShadowOf, parseAxeReport, seriousFindings } from '../e2e/axe';
import { screenshot, waitFor, type FirefoxExtension } from './firefox';
import { addInstance, closeAll, control, logIn, netBoxWithFirefox, openPanel, type Simulator, waitForRows } from './netbox';

let ext: FirefoxExtension;
let sim: Simulator;
const HOST = `#${PANEL_HOST_ID}`;

beforeAll(async () => {
  ({ sim, ext } = await netBoxWithFirefox());
});

afterAll(() => closeAll(ext, sim));

describe('firefox: accessibility of the page panel', () => {
  it('has no serious or critical axe finding, light or dark, with an expanded row', async () => {
    await control(sim.origin, 'logs', { count: 6, module: 'storage', message: 'Storage pool checked' });
    await control(sim.origin, 'logs', {
      level: 'ERROR',
      module: 'devices',
      operation_id: '6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f',
      message: 'Firefox sees a failed device write',
      traceback: 'Traceback (most recent call last):\n  File "sync.py", line 42\nHTTPError: 500',
    });
    const page = await ext.newPage();
    await logIn(page, sim);
    await addInstance(ext, sim.baseUrl);
    await page.goto(`${sim.baseUrl}/dcim/devices/`);
    const region = await openPanel(page);
    await waitForRows(region, (r) => r.length >= 7, 'the entries');
    await region.evaluate((r) =>
      [...r.querySelectorAll<HTMLElement>('[role="row"][data-entry-id]')].find((row) => row.textContent!.includes('failed device write'))!.click(),
    );
    await waitFor(() => region.evaluate((r) => r.querySelector('pre[aria-label="Traceback"]') !== null), 'the expanded row');

    for (const theme of ['light', 'dark'] as const) {
      await page.evaluate((t) => document.documentElement.setAttribute('data-bs-theme', t), theme);
      await waitFor(() => region.evaluate((r, t) => r.closest('.pbl-root')?.getAttribute('data-theme') === t, theme), `the ${theme} theme`);
      const report = parseAxeReport((await page.evaluate(axeScript(HOST))) as string);
      expect(nodesInShadowOf(report, HOST)).toBeGreaterThan(50);
      expect(seriousFindings(report), `serious or critical axe findings in Firefox (${theme})`).toEqual([]);
      await screenshot(page, `panel-${theme}-axe`);
    }
    await page.close();
  });
});
