/**
 * Accessibility audit with axe-core, injected into the page through the
 * DevTools protocol (page.evaluate is not subject to the app's CSP, which
 * forbids inline scripts). Fails on serious or critical violations
 * (WCAG 2.0/2.1 A and AA rules).
 */
import axe from 'axe-core';
import { expect, type Page } from '@playwright/test';

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

export async function auditAccessibilita(page: Page, schermata: string): Promise<void> {
  // The callbacks run in the page (e2e is compiled without the DOM library, hence globalThis).
  const loaded = await page.evaluate(() => typeof (globalThis as unknown as { axe?: unknown }).axe !== 'undefined');
  if (!loaded) await page.evaluate(axe.source);
  const violations = await page.evaluate(async () => {
    const page = globalThis as unknown as { document: unknown; axe: { run(context: unknown, options: object): Promise<{ violations: Violation[] }> } };
    const result = await page.axe.run(page.document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  });
  const gravi = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(gravi, `${schermata}: violazioni di accessibilità gravi\n${JSON.stringify(gravi, null, 2)}`).toEqual([]);
}
