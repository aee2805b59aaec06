// axe-core (the accessibility rule engine audits use) run inside a page of a real browser.
// Its source is read from node_modules and evaluated in the page by the test driver, never
// loaded from a CDN; evaluation by the driver is not bound by an extension page's CSP.
// Shared by the Chromium (Playwright) and Firefox (puppeteer) suites.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

export interface AxeNode {
  /** CSS selectors; a node inside a shadow root has one per root (host first). */
  target: (string | string[])[];
  html: string;
  failureSummary?: string;
}
export interface AxeFinding {
  id: string;
  impact: 'minor' | 'moderate' | 'serious' | 'critical' | null;
  help: string;
  nodes: AxeNode[];
}
export interface AxeReport {
  violations: AxeFinding[];
  /** Every node a rule checked and passed: proves what the scan could see. */
  passes: AxeFinding[];
}

let source: string | undefined;
function axeSource(): string {
  source ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  return source;
}

/**
 * A script for the page: defines `axe` (once) and runs it on `include` (a CSS selector, or
 * the whole document), WCAG 2.x A/AA rules plus axe's best practices. Its value is the
 * report, as JSON (the drivers pass strings back unchanged).
 */
export function axeScript(include?: string): string {
  const context = include ? JSON.stringify({ include: [include] }) : 'document';
  return `(async () => {
    if (!window.axe) { ${axeSource()}\n }
    const r = await window.axe.run(${context}, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
      resultTypes: ['violations', 'passes'],
    });
    const slim = (list) => list.map((f) => ({ id: f.id, impact: f.impact, help: f.help,
      nodes: f.nodes.map((n) => ({ target: n.target, html: n.html.slice(0, 160), failureSummary: n.failureSummary })) }));
    return JSON.stringify({ violations: slim(r.violations), passes: slim(r.passes) });
  })()`;
}

export function parseAxeReport(json: string): AxeReport {
  return JSON.parse(json) as AxeReport;
}

/** The serious and critical findings, one line per node: rule id, impact, target, summary. */
export function seriousFindings(report: AxeReport): string[] {
  return report.violations
    .filter((f) => f.impact === 'serious' || f.impact === 'critical')
    .flatMap((f) =>
      f.nodes.map((n) => `${f.id} (${f.impact}) at ${JSON.stringify(n.target)}: ${(n.failureSummary ?? f.help).replace(/\s+/g, ' ')}`),
    );
}

/** How many checked nodes lie inside the shadow root of the host matching `hostSelector`. */
export function nodesInShadowOf(report: AxeReport, hostSelector: string): number {
  let n = 0;
  for (const f of [...report.passes, ...report.violations]) {
    for (const node of f.nodes) {
      const first = node.target[0];
      if (Array.isArray(first) && first[0] === hostSelector && first.length > 1) n++;
    }
  }
  return n;
}

/** Runs axe-core in the page (the panel's open shadow root included) and reads its report. */
export async function scan(page: Page, include?: string): Promise<AxeReport> {
  return parseAxeReport(await page.evaluate<string, string>((script) => (0, eval)(script), axeScript(include)));
}

/** No serious or critical finding; minor and moderate ones are reported, not failed on. */
export function expectNoSerious(report: AxeReport, where: string): void {
  expect(seriousFindings(report), `serious or critical axe findings in ${where}`).toEqual([]);
  const lesser = report.violations.filter((f) => f.impact !== 'serious' && f.impact !== 'critical');
  if (lesser.length > 0) console.info(`axe, ${where}: ${lesser.map((f) => `${f.id} (${f.impact}, ${f.nodes.length})`).join(', ')}`);
}
