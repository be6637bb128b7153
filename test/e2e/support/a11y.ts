import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export type Scheme = 'light' | 'dark';

/**
 * Switch the system's colour scheme and wait until the app follows it
 * (`html[data-theme]`, which the app sets from the system or the user's choice).
 */
export async function useScheme(page: Page, scheme: Scheme): Promise<void> {
  await page.emulateMedia({ colorScheme: scheme });
  await expect(page.locator('html')).toHaveAttribute('data-theme', scheme);
}

/**
 * axe-core over the whole page as it is now: no violation of serious or
 * critical impact (contrast, names, roles, landmarks, ARIA misuse). Each
 * violation is listed with its elements, so a failure says what to fix.
 */
export async function expectNoSeriousAxeViolations(page: Page, state: string): Promise<void> {
  const result = await new AxeBuilder({ page }).analyze();
  const serious = result.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.impact} ${violation.id}: ${violation.help}\n` +
        violation.nodes
          .slice(0, 5)
          .map(
            (node) =>
              `    ${node.target.join(' ')} — ${(node.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 240)}`,
          )
          .join('\n'),
    );
  expect(serious, `axe: serious or critical violations in "${state}"`).toEqual([]);
}

/**
 * The element with keyboard focus, and whether a focus indicator is drawn
 * around it: an outline or a box shadow on it, or on the label that wraps it
 * (segmented radio buttons draw focus on their label). A string so the node
 * type check needs no DOM types here.
 */
const FOCUS_PROBE = `(() => {
  const element = document.activeElement;
  if (!element || element === document.body || element === document.documentElement) return { ok: false, what: 'nothing has focus' };
  const drawn = (node) => {
    const style = getComputedStyle(node);
    return (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
  };
  const label = element.closest('label');
  const box = (label ?? element).getBoundingClientRect();
  const what = element.tagName.toLowerCase() + (element.id ? '#' + element.id : '') +
    ' "' + (element.getAttribute('aria-label') ?? element.textContent ?? '').trim().slice(0, 60) + '"';
  return { ok: (drawn(element) || (label !== null && drawn(label))) && box.width > 0 && box.height > 0, what };
})()`;

/**
 * Keyboard focus is on something, and the user can see where (a visible focus
 * ring). Allowed a moment to settle: after a view closes, the app moves the
 * focus on within a frame or two.
 */
export async function expectVisibleFocus(page: Page): Promise<string> {
  let what = '';
  await expect(async () => {
    const probe = (await page.evaluate(FOCUS_PROBE)) as { ok: boolean; what: string };
    what = probe.what;
    expect(probe.ok, `a visible focus ring on ${probe.what}`).toBe(true);
  }).toPass({ timeout: 2000, intervals: [50, 100, 250] });
  return what;
}
