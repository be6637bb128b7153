/**
 * Report export from the app (issue 7): "Export…" in the diff view writes the
 * comparison as PDF (printed by the bridge's Chromium, as the shell's hidden
 * window does) or Markdown, and "Export history…" on a document of the
 * timeline writes every consecutive pair in one PDF. The bridge plays the save
 * dialog: it records each saved report; the PDF text is read with pdftotext.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import type { DiffResult } from '../../src/shared/domain';
import { useAppSession } from './support/session';
import { callApi, columns, expectNoPageErrors, openApp, selectVendor, timelineDates } from './support/app';

const session = useAppSession();

/** Printing runs Chromium two or three times per report. */
test.setTimeout(120_000);

/** The text of a PDF as pdftotext reads it, with runs of whitespace made single spaces. */
function pdfText(path: string): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

/** Choose formlabs.com's 2016 and 2018 captures as A and B and compare them. */
async function compareTwoVersions(page: Page): Promise<{ diff: Locator; from: string; to: string }> {
  await selectVendor(page, 'formlabs.com');
  const dates = await timelineDates(page);
  const from = dates.find((date) => date.startsWith('2016-'))!;
  const to = dates.find((date) => date.startsWith('2018-'))!;
  const { middle } = columns(page);
  const slot = (date: string, slotName: 'A' | 'B') =>
    middle.getByRole('button', { name: new RegExp(`^Use version \\d+ \\(${date}\\) as ${slotName}$`) });
  await slot(from, 'A').click();
  await slot(to, 'B').click();
  await middle.getByRole('button', { name: 'Compare', exact: true }).click();
  const diff = page.getByRole('article', { name: 'Changes in formlabs.com — Privacy Policy' });
  await expect(diff.locator('.policy-text ins').first()).toBeVisible();
  return { diff, from, to };
}

/** The same comparison through the API, independent of the page. */
async function sameDiff(page: Page, from: string, to: string): Promise<DiffResult> {
  return callApi<DiffResult>(
    page,
    `const vendor = (await api.vendors.list()).find((v) => v.key === 'formlabs.com');
     const timeline = await api.vendors.timeline(vendor.id);
     const snapshots = timeline.documents[0].snapshots;
     const a = snapshots.find((s) => s.capturedAt.startsWith(${JSON.stringify(from)}));
     const b = snapshots.find((s) => s.capturedAt.startsWith(${JSON.stringify(to)}));
     return api.diff.compare(a.id, b.id);`,
  );
}

/** A word of at least six letters that the diff marks as inserted and the older text does not hold. */
function insertedWord(diff: DiffResult): string {
  const older = new Set(
    diff.blocks
      .filter((block) => block.change !== 'insert' && block.moveRole !== 'to')
      .flatMap((block) => block.spans.filter((span) => span.op !== 'insert'))
      .flatMap((span) => span.text.toLowerCase().split(/[^\p{L}]+/u)),
  );
  const words = diff.blocks
    .flatMap((block) => block.spans.filter((span) => span.op === 'insert'))
    .flatMap((span) => span.text.split(/[^\p{L}]+/u))
    .filter((word) => word.length >= 6 && !older.has(word.toLowerCase()));
  const word = words[0];
  if (!word) throw new Error('the diff inserts no new word of six letters or more');
  return word;
}

async function exportFrom(scope: Locator, button: string, format: 'PDF' | 'Markdown', pageSize?: 'A4' | 'Letter') {
  await scope.getByRole('button', { name: button }).click();
  const panel = scope.getByRole('group', { name: /^Export / });
  await expect(panel).toBeVisible();
  await panel.getByRole('radio', { name: new RegExp(`^${format}`) }).check();
  if (pageSize) await panel.getByRole('radio', { name: pageSize }).check();
  await panel.getByRole('button', { name: 'Export', exact: true }).click();
}

test('Export… writes the comparison as a PDF with the inserted words and the statistics, and as Markdown', async ({
  page,
}) => {
  const errors = await openApp(page, session.bridge, session.apiScript);
  const { diff, from, to } = await compareTwoVersions(page);
  const result = await sameDiff(page, from, to);
  const word = insertedWord(result);
  const saved = session.bridge.savedReports;
  const before = saved.length;

  await exportFrom(diff, 'Export…', 'PDF', 'Letter');
  await expect(diff.getByRole('status').filter({ hasText: /^Saved to / })).toContainText(/\.pdf$/, {
    timeout: 90_000,
  });
  expect(saved.length).toBe(before + 1);
  const pdf = saved.at(-1)!;
  expect(pdf.format).toBe('pdf');
  expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  await expect(diff.getByRole('status').filter({ hasText: /^Saved to / })).toHaveText(`Saved to ${pdf.path}`);
  const text = pdfText(pdf.path);
  expect(text).toContain(word);
  const count = (n: number) => n.toLocaleString('en-US');
  expect(text).toMatch(new RegExp(`Words added ${count(result.stats.wordsAdded)}\\b`));
  expect(text).toMatch(new RegExp(`Words removed ${count(result.stats.wordsRemoved)}\\b`));
  expect(text).toMatch(new RegExp(`Sections changed ${count(result.stats.sectionsTouched.length)}\\b`));
  // Letter paper, as chosen: 8.5 × 11 in = 612 × 792 pt.
  expect(execFileSync('pdfinfo', [pdf.path], { encoding: 'utf8' })).toMatch(/Page size:\s+612 x 792 pts/);

  // The panel closed and gave the keyboard back to its button.
  await expect(diff.getByRole('button', { name: 'Export…' })).toBeFocused();

  await exportFrom(diff, 'Export…', 'Markdown');
  await expect(diff.getByRole('status').filter({ hasText: /\.md$/ })).toBeVisible({ timeout: 30_000 });
  const markdown = saved.at(-1)!;
  expect(markdown.format).toBe('markdown');
  expect(markdown.defaultName).toMatch(/\.md$/);
  const source = readFileSync(markdown.path, 'utf8');
  expect(source).toMatch(/^# /m);
  expect(source).toContain(word);
  expectNoPageErrors(errors);
});

test('the export panel is reachable and closable with the keyboard alone', async ({ page }) => {
  const errors = await openApp(page, session.bridge, session.apiScript);
  const { diff } = await compareTwoVersions(page);
  const button = diff.getByRole('button', { name: 'Export…' });
  await button.focus();
  await page.keyboard.press('Enter');
  await expect(button).toHaveAttribute('aria-expanded', 'true');
  await expect(diff.getByRole('radio', { name: 'PDF' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(diff.getByRole('group', { name: /^Export / })).toBeHidden();
  await expect(button).toBeFocused();
  expectNoPageErrors(errors);
});

test('Export history… writes every consecutive pair of a document in one PDF', async ({ page }) => {
  const errors = await openApp(page, session.bridge, session.apiScript);
  await selectVendor(page, 'formlabs.com');
  const { middle } = columns(page);
  const document = middle.locator('section.timeline-document').first();
  const before = session.bridge.savedReports.length;
  await exportFrom(document, 'Export history…', 'PDF');
  await expect(document.getByRole('status').filter({ hasText: /^Saved to / })).toContainText(/history\.pdf$/, {
    timeout: 110_000,
  });
  expect(session.bridge.savedReports.length).toBe(before + 1);
  const pdf = session.bridge.savedReports.at(-1)!;
  expect(pdf.format).toBe('pdf');
  const versions = await callApi<number>(
    page,
    `const vendor = (await api.vendors.list()).find((v) => v.key === 'formlabs.com');
     const timeline = await api.vendors.timeline(vendor.id);
     return (await api.timeline.document(timeline.documents[0].id)).versions.length;`,
  );
  const text = pdfText(pdf.path);
  // The timeline summary lists every version; the body has one comparison per consecutive pair.
  for (let version = 2; version <= versions; version++) {
    expect(text).toMatch(new RegExp(`[Vv]ersion ${version - 1} → version ${version}`));
  }
  expectNoPageErrors(errors);
});

test('Export across GDPR… writes the across-GDPR report in one step from the timeline', async ({ page }) => {
  const errors = await openApp(page, session.bridge, session.apiScript);
  await selectVendor(page, 'formlabs.com');
  const { middle } = columns(page);
  const document = middle.locator('section.timeline-document').first();
  const before = session.bridge.savedReports.length;
  await exportFrom(document, 'Export across GDPR…', 'Markdown');
  await expect(document.getByRole('status').filter({ hasText: /^Saved to / })).toContainText(/across-gdpr\.md$/, {
    timeout: 60_000,
  });
  expect(session.bridge.savedReports.length).toBe(before + 1);
  const report = session.bridge.savedReports.at(-1)!;
  expect(report.format).toBe('markdown');
  const text = readFileSync(report.path, 'utf8');
  // The cover names the event, and the report compares the last version before it with the first after it.
  expect(text).toContain('GDPR');
  const across = await callApi<{ before: string; after: string }>(
    page,
    `const vendor = (await api.vendors.list()).find((v) => v.key === 'formlabs.com');
     const timeline = await api.vendors.timeline(vendor.id);
     const result = await api.timeline.acrossEvent(timeline.documents[0].id, 'gdpr');
     return { before: result.before.snapshot.capturedAt.slice(0, 10), after: result.after.snapshot.capturedAt.slice(0, 10) };`,
  );
  expect(text).toContain(across.before);
  expect(text).toContain(across.after);
  expectNoPageErrors(errors);
});
