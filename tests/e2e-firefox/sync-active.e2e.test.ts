// The sync running now in Firefox ESR's page panel (direct mode, the released world): a run
// started in the backend shows with its operation ID, the toolbar's tooltip says it, "Show
// this run" narrows the list to the run's time, and it goes when the run ends. The Chromium
// journey, side panel and popup included: ../e2e/sync-active.e2e.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ElementHandle, Page } from 'puppeteer-core';
import { PANEL_HOST_ID } from '../../lib/core/panel-injection';
import { startSimulator } from '../simulator/index';
import { axeScript, parseAxeReport, seriousFindings } from '../e2e/axe';
import { countByRole, fill, findByRole, findPasswordField, launchWithExtension, queryAllByRole, screenshot, textOf, waitFor, type FirefoxExtension } from './firefox';
import { addInstance, control, logIn, openPanel, setPollInterval, textBecomes, waitForRows, type Simulator } from './netbox';

let ext: FirefoxExtension;
let sim: Simulator;
let page: Page;
let label: string;

beforeAll(async () => {
  sim = await startSimulator({ plugin: 'discovery', writerRate: 0, seed: 23 });
  label = sim.baseUrl.replace(/^https?:\/\//, '');
  ext = await launchWithExtension();
  page = await ext.newPage();
  await logIn(page, sim);
  await control(sim.origin, 'logs', { count: 4, message: 'Before the run' });
  await addInstance(ext, sim.baseUrl);
  const options = await ext.openExtensionPage('options.html');
  await fill(await findPasswordField(options, 'Backend API key', 15_000), sim.backendApiKey!);
  await (await findByRole(options, 'button', 'Connect')).click();
  const status = (await (await options.waitForSelector('form.pbl-connect'))!.$('[role="status"]'))!;
  await textBecomes(status, (t) => t.startsWith('Connected:'), 'Connected');
  await options.close();
  await setPollInterval(ext, 1);
});

afterAll(async () => {
  await ext?.close();
  await sim?.close();
});

const tooltip = () => ext.inExtension((api) => api.action.getTitle({}) as Promise<string>);
/** The indicator's text, or null when there is none: one look (it may go between two). */
const indicatorText = async (region: ElementHandle) => {
  const [group] = await queryAllByRole(region, 'group', 'Sync running');
  return group ? textOf(group) : null;
};

describe('firefox: the sync running now, in the page panel', () => {
  it('shows the run with its operation ID, the tooltip says it, "Show this run" narrows to its time, and it goes when the run ends', async () => {
    await page.goto(`${sim.baseUrl}/dcim/devices/`);
    const logs = await openPanel(page);
    await waitForRows(logs, (r) => r.length === 4, 'the entries before the run');
    expect(await indicatorText(logs)).toBeNull();

    const { run } = await control<{ run: { id: string } }>(sim.origin, 'sync', { kind: 'full-update' });
    await control(sim.origin, 'logs', { count: 2, message: 'During the run' });
    const said = await waitFor(async () => {
      const text = await indicatorText(logs);
      return text?.includes(run.id) ? text : null;
    }, 'the running sync in the page panel', 15_000);
    expect(said.replace(/\s+/g, ' ')).toMatch(new RegExp(`^Sync running: full-update, started \\d{2}:\\d{2} \\(under a minute\\) Operation ID ${run.id} Show this run$`));
    await waitFor(async () => ((await tooltip()).includes('sync running: full-update since') ? true : null), 'the tooltip mentions the run', 15_000);
    expect(await tooltip()).toMatch(new RegExp(`^Proxbox Backend Logs\\n${label.replace(/[.]/g, '\\.')}: no new errors; sync running: full-update since \\d{2}:\\d{2}$`));

    for (const theme of ['light', 'dark'] as const) {
      await page.evaluate((t) => document.documentElement.setAttribute('data-bs-theme', t), theme);
      await waitFor(() => logs.evaluate((r, t) => r.closest('.pbl-root')?.getAttribute('data-theme') === t, theme), `the ${theme} theme`);
      const report = parseAxeReport((await page.evaluate(axeScript(`#${PANEL_HOST_ID}`))) as string);
      expect(seriousFindings(report), `serious or critical axe findings with a running sync (${theme})`).toEqual([]);
      await screenshot(page, `sync-active-panel-${theme}`);
    }

    await (await findByRole(logs, 'button', 'Show this run')).click();
    // The run's time: its two tagged entries and what came after its start, nothing before.
    const rows = await waitForRows(logs, (r) => r.length === 4 && r.every((cells) => !cells.join(' ').includes('Before the run')), "the run's entries only");
    expect(rows.map((r) => r[3])).toEqual(['During the run', 'During the run', '[bulk_prerequisites] Reconciling device dependency phases', 'Starting full_update sync']);
    await textBecomes(await findByRole(logs, 'group', 'Sync running'), (t) => t.includes('Showing this run'), '"Showing this run"');

    await control(sim.origin, 'sync', { active: false });
    await waitFor(async () => ((await indicatorText(logs)) === null ? true : null), 'the indicator gone', 15_000);
    await waitFor(async () => (!(await tooltip()).includes('sync running') ? true : null), 'the tooltip without the run', 15_000);
    expect(await ext.errors()).toEqual([]);
  });
});
