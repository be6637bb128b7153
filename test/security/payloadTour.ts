/**
 * The browser half of the payload checks: import the hostile archive
 * (payloads.ts) into a bridge (test/e2e/bridge), walk every view of the
 * built renderer in Chromium — library, timeline, reader and original page,
 * inline and side-by-side diff, search with snippets and matching versions,
 * phrase history, trends, quick switcher, import report, tags and notes,
 * help — and export the diff report as HTML and PDF, watching after each
 * step for any sign that a payload ran or loaded. Shared by
 * test/e2e/payloads.spec.ts (Playwright's page) and runPayloadChecks
 * (payloadChecks.ts, its own playwright-core browser).
 */
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import type { Bridge } from '../e2e/bridge/server';
import { writeHostileArchive, type HostileArchive } from './payloads';

/** Longest wait for one thing to show (the PDF export prints Chromium twice or three times). */
const STEP_TIMEOUT_MS = 20_000;
const EXPORT_TIMEOUT_MS = 90_000;

/** Signs that a payload ran or loaded, collected across the tour. */
export interface TourFindings {
  /** Payload placements made (the count from payloads.ts). */
  tried: number;
  /** Distinct tags that ran or loaded (markers, titles, recorder hits, dialogs): must stay empty. */
  executed: string[];
  /** Each sign, with the view it showed up in. */
  details: string[];
  /** Views visited, in order. */
  visited: string[];
  /** Report files exported (HTML and PDF) for the exports check. */
  reports: { html: string | null; pdf: string | null };
  /** Problems of the tour itself (a view that did not show): the check is incomplete when not empty. */
  problems: string[];
}

interface Watch {
  dialogs: string[];
  foreignRequests: string[];
}

/** Where a payload left its tag: `top.__pwned`, the title, the recorder, a dialog or a request. */
async function collect(page: Page, bridge: Bridge, watch: Watch, view: string, findings: TourFindings): Promise<void> {
  const signs: Array<[string, string]> = [];
  const markers = (await page.evaluate('window.__pwned').catch(() => undefined)) as unknown;
  if (markers !== undefined) signs.push(...[markers].flat().map((tag): [string, string] => [String(tag), 'marker']));
  const title = await page.title().catch(() => '');
  if (title.startsWith('pwned:')) signs.push([title.slice('pwned:'.length), 'document title']);
  for (const hit of bridge.recorded.splice(0)) signs.push([hit.replace(/^\/record\//, ''), `request to ${hit}`]);
  for (const dialog of watch.dialogs.splice(0)) signs.push([dialog, 'dialog']);
  for (const url of watch.foreignRequests.splice(0)) signs.push([url, `request to ${url}`]);
  for (const [tag, how] of signs) {
    if (!findings.executed.includes(tag)) findings.executed.push(tag);
    findings.details.push(`${view}: ${tag} (${how})`);
  }
  // Reset the markers so the next view's signs are its own.
  await page.evaluate("delete window.__pwned; document.title = 'Policy Archive Explorer'").catch(() => undefined);
}

async function shows(locator: Locator, timeout = STEP_TIMEOUT_MS): Promise<void> {
  await locator.first().waitFor({ state: 'visible', timeout });
}

/** Hover over and click into the visible text of a region, as a reader would (handlers that need input). */
async function touch(page: Page, region: Locator): Promise<void> {
  const box = await region.first().boundingBox();
  if (!box) return;
  for (const [fx, fy] of [
    [0.3, 0.2],
    [0.6, 0.5],
    [0.5, 0.8],
  ] as const) {
    await page.mouse.move(box.x + box.width * fx, box.y + Math.min(box.height * fy, 700));
  }
}

/** The page's own API, as the renderer calls it. */
async function callApi<T>(page: Page, body: string): Promise<T> {
  return (await page.evaluate(`(async (api) => { ${body} })(window.policyArchive)`)) as T;
}

export interface TourOptions {
  /** The page's API script (test/e2e/bridge/browserApiScript.ts). */
  apiScript: string;
  /** Folder for the hostile source files. */
  workDir: string;
  log?: (message: string) => void;
}

/**
 * Import the hostile archive into `bridge` (an empty archive) through the
 * window on `page`, then visit every view and export the diff report.
 * Never throws for a view that does not show: that goes to `problems`.
 */
export async function runPayloadTour(page: Page, bridge: Bridge, options: TourOptions): Promise<TourFindings> {
  const log = options.log ?? (() => {});
  const recorder = `${bridge.url}record`;
  const archive = writeHostileArchive(options.workDir, recorder);
  const findings: TourFindings = {
    tried: archive.placements,
    executed: [],
    details: [],
    visited: [],
    reports: { html: null, pdf: null },
    problems: [],
  };
  const watch: Watch = { dialogs: [], foreignRequests: [] };
  page.on('dialog', (dialog) => {
    watch.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss().catch(() => {});
  });
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(bridge.url) || url.startsWith(recorder)) watch.foreignRequests.push(url);
  });
  page.on('popup', (popup) => watch.foreignRequests.push(`popup ${popup.url()}`));

  const step = async (view: string, action: () => Promise<void>): Promise<void> => {
    log(`payloads: ${view}`);
    try {
      await action();
      // Time for a refresh, an autoplay, a lazy load or a focus handler to act, had any survived.
      await page.waitForTimeout(250);
      findings.visited.push(view);
    } catch (error) {
      findings.problems.push(`${view}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
      // What the window showed when the view did not come up (kept in the work folder).
      await page
        .screenshot({ path: join(options.workDir, `tour-problem-${findings.problems.length}.png`) })
        .catch(() => {});
    }
    await collect(page, bridge, watch, view, findings);
  };

  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  await page.addInitScript({ content: options.apiScript });
  await page.goto(bridge.url);
  await shows(page.getByRole('heading', { name: 'Policy Archive Explorer' }));

  await step('import and the import report', async () => {
    bridge.setImportPaths([...archive.importable, ...archive.failing]);
    await page.getByRole('button', { name: 'Import files…' }).first().click();
    const report = page.getByRole('region', { name: 'Import finished' });
    await shows(report);
    await bridge.idle();
    const details = report.locator('details');
    if ((await details.count()) > 0 && !(await details.first().evaluate((node) => (node as { open: boolean }).open))) {
      await details.first().locator('summary').click();
    }
    await shows(report.locator('.path'));
    await touch(page, report);
  });
  bridge.setImportPaths([]);

  await step('import with a hostile vendor and original URL, and edits (rename, tags, note)', async () => {
    await callApi(
      page,
      `const started = await api.imports.start(${JSON.stringify({ paths: [archive.plainText], ...archive.overrides })});
       return started;`,
    );
    await bridge.idle();
    const last = bridge.events.filter((event) => event.name === 'import:finished').at(-1)?.payload as
      { imported: number } | undefined;
    if (!last || last.imported !== 1) throw new Error('the plain text with a hostile vendor was not imported');
    await applyEdits(page, archive);
    await page.reload();
    await shows(page.getByRole('heading', { name: 'Policy Archive Explorer' }));
    // The first-launch tips cover the bottom of the window; put them away.
    const hide = page.getByRole('button', { name: 'Hide tips' });
    if (await hide.isVisible()) await hide.click();
  });
  const vendorNames = await callApi<Array<{ key: string; displayName: string; versionCount: number }>>(
    page,
    'return api.vendors.list();',
  );

  const { vendors, middle } = {
    vendors: page.getByRole('navigation', { name: /^Vendors/ }),
    middle: page.locator('section.column.middle'),
  };

  await step('library sidebar (names, tags, documents)', async () => {
    await shows(vendors.locator('.vendor-row'));
    for (const toggle of await vendors.getByRole('button', { name: /^Documents of / }).all()) {
      await toggle.click();
      await touch(page, vendors);
      await toggle.click();
    }
    await touch(page, vendors);
  });

  await step('vendor tags dialog', async () => {
    await vendors
      .getByRole('button', { name: /^Actions for / })
      .first()
      .click();
    await page.getByRole('menuitem', { name: 'Edit tags…' }).click();
    const dialog = page.getByRole('dialog', { name: /^Tags of / });
    await shows(dialog);
    await touch(page, dialog);
    await dialog.getByRole('button', { name: 'Done' }).click();
  });

  for (const vendorKey of ['evil.example', 'markdown-evil.example', 'plain text with a hostile vendor']) {
    const vendor =
      vendorNames.find((item) => item.key === vendorKey) ??
      vendorNames.find((item) => !['evil.example', 'markdown-evil.example'].includes(item.key));
    await step(`vendor timeline of ${vendorKey}`, async () => {
      if (!vendor) throw new Error(`no vendor for ${vendorKey}`);
      // The vendor's row button: its accessible name starts with the vendor's name.
      const start = vendor.displayName.slice(0, 48).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      await vendors
        .getByRole('button', { name: new RegExp(`^${start}`) })
        .first()
        .click();
      await shows(middle.locator('.timeline-row'));
      await touch(page, middle);
    });

    await step(`reader of ${vendorKey} (text, tags and note)`, async () => {
      await middle.locator('.timeline-row').first().getByRole('button').first().click();
      const reader = page.getByRole('article').first();
      await shows(reader.locator('.policy-text'));
      await reader
        .locator('.policy-text')
        .first()
        .click({ position: { x: 5, y: 5 } });
      await touch(page, reader);
    });

    await step(`original page of ${vendorKey}`, async () => {
      const reader = page.getByRole('article').first();
      const original = reader.getByRole('radio', { name: 'Original page' });
      if ((await original.count()) === 0) return; // Markdown sources keep no original page.
      await original.check();
      await shows(reader.locator('iframe.original-frame'));
      const frame = page.frameLocator('iframe.original-frame');
      await shows(frame.locator('body'));
      await touch(page, reader.locator('iframe.original-frame'));
      await reader.locator('iframe.original-frame').click({ position: { x: 20, y: 20 } });
      await reader.getByRole('radio', { name: 'Text' }).check();
    });

    if ((vendor?.versionCount ?? 0) < 2) continue;
    await step(`inline diff of ${vendorKey}`, async () => {
      const useAs = (slot: 'A' | 'B') =>
        middle.getByRole('button', { name: new RegExp(`^Use version \\d+ \\(.*\\) as ${slot}$`) });
      await useAs('A').last().click();
      await useAs('B').first().click();
      await middle.getByRole('button', { name: 'Compare', exact: true }).click();
      const diff = page.getByRole('article', { name: /^Changes in / });
      await shows(diff.locator('.policy-text'));
      await touch(page, diff);
    });

    await step(`side-by-side diff of ${vendorKey}`, async () => {
      await page.getByRole('radio', { name: 'Side by side' }).check();
      const diff = page.getByRole('article', { name: /^Changes in / });
      await shows(diff);
      await touch(page, diff);
      await page
        .getByRole('radio', { name: 'Inline' })
        .check()
        .catch(() => {});
    });

    if (vendorKey === 'evil.example') {
      // Its two versions differ in every paragraph, so the report quotes every payload.
      await step('diff report export (HTML)', async () => {
        findings.reports.html = await exportReport(page, bridge, 'HTML');
      });
      await step('diff report export (PDF)', async () => {
        findings.reports.pdf = await exportReport(page, bridge, 'PDF');
      });
    }
  }

  const searchBox = page.getByRole('searchbox', { name: 'Search all policies' });
  const hitList = middle.getByRole('list', { name: 'Search results' });
  for (const query of [archive.commonWord, ...archive.queries]) {
    await step(`search results and snippets for ${JSON.stringify(query.slice(0, 40))}`, async () => {
      await searchBox.fill(query);
      await searchBox.press('Enter');
      // Hits, or the "no results" status: either way the query is echoed back (how it was read).
      await shows(middle.getByRole('status').filter({ hasText: /\d|No / }));
      await touch(page, middle);
    });
  }

  await step('matching versions of a hit', async () => {
    await searchBox.fill(archive.commonWord);
    await searchBox.press('Enter');
    await shows(hitList.getByRole('button'));
    await hitList
      .getByRole('button', { name: /^Every matching version of / })
      .first()
      .click();
    await shows(hitList.getByRole('button', { name: /^Open version / }));
    await hitList
      .getByRole('button', { name: /^Open version / })
      .first()
      .click();
    await shows(page.getByRole('article').first().locator('.policy-text'));
    await touch(page, middle);
  });

  await step('phrase history', async () => {
    await middle.getByRole('button', { name: 'History of this phrase' }).click();
    const history = page.getByRole('article', { name: /^History of / });
    await shows(history);
    await touch(page, history);
  });

  await step('trends', async () => {
    await page.getByRole('button', { name: 'Trends', exact: true }).click();
    const query = page.getByRole('searchbox', { name: 'Words or phrase' });
    await query.fill(archive.queries[0]!);
    await query.press('Enter');
    await shows(page.getByRole('table'));
    await touch(page, page.locator('body'));
    await page.keyboard.press('Escape');
  });

  await step('quick switcher', async () => {
    await page.locator('body').click({ position: { x: 2, y: 2 } });
    await page.keyboard.press('Control+K');
    const dialog = page.getByRole('dialog', { name: 'Go to a vendor, document or section' });
    await shows(dialog);
    for (const text of ['evil', 'onerror', 'script', archive.commonWord]) {
      await dialog.getByRole('combobox').fill(text);
      await page.waitForTimeout(150);
      await touch(page, dialog);
    }
    await page.keyboard.press('Escape');
  });

  await step('help', async () => {
    await page.getByRole('button', { name: /^Help/ }).click();
    const dialog = page.getByRole('dialog').first();
    await shows(dialog);
    await touch(page, dialog);
    await page.keyboard.press('Escape');
  });

  return findings;
}

/** Rename the HTML policy's vendor, tag it, and tag and annotate its first version, through the page's API. */
async function applyEdits(page: Page, archive: HostileArchive): Promise<void> {
  await callApi(
    page,
    `const edits = ${JSON.stringify(archive.edits)};
     const vendor = (await api.vendors.list()).find((v) => v.key === 'evil.example');
     if (!vendor) throw new Error('evil.example was not imported');
     await api.vendors.rename(vendor.id, edits.vendorName);
     await api.vendors.setTags(vendor.id, edits.vendorTags);
     const timeline = await api.vendors.timeline(vendor.id);
     const snapshot = timeline.documents[0].snapshots[0];
     await api.snapshots.setTags(snapshot.id, edits.snapshotTags);
     await api.snapshots.setNote(snapshot.id, edits.note);`,
  );
}

/** Export the open diff as `format` through "Export…", returning the saved file. */
async function exportReport(page: Page, bridge: Bridge, format: 'HTML' | 'PDF'): Promise<string> {
  const diff = page.getByRole('article', { name: /^Changes in / });
  const before = bridge.savedReports.length;
  await diff.getByRole('button', { name: 'Export…' }).click();
  const panel = diff.getByRole('group', { name: /^Export / });
  await shows(panel);
  await panel.getByRole('radio', { name: new RegExp(`^${format}`) }).check();
  await panel.getByRole('button', { name: 'Export', exact: true }).click();
  await shows(diff.getByRole('status').filter({ hasText: /^Saved to / }), EXPORT_TIMEOUT_MS);
  const saved = bridge.savedReports[before];
  if (!saved) throw new Error(`no ${format} report was saved`);
  return saved.path;
}

/**
 * Load a report's HTML in a page with JavaScript ON (as a user opening the
 * saved file in a browser would), hover and click through it, and return
 * every sign that something in it ran or loaded.
 */
export async function openReportWithScripts(browser: Browser, html: string): Promise<string[]> {
  const context = await browser.newContext({ javaScriptEnabled: true });
  const signs: string[] = [];
  try {
    await context.route('**/*', (route) => {
      signs.push(`request to ${route.request().url()}`);
      return route.abort('blockedbyclient');
    });
    const page = await context.newPage();
    page.on('dialog', (dialog) => {
      signs.push(`dialog: ${dialog.message()}`);
      void dialog.dismiss().catch(() => {});
    });
    page.on('popup', (popup) => signs.push(`popup ${popup.url()}`));
    await page.setContent(html, { waitUntil: 'load' });
    await touch(page, page.locator('body'));
    for (const link of (await page.locator('a').all()).slice(0, 50)) {
      const href = (await link.getAttribute('href')) ?? '';
      // Links within the report (#section) and to http(s) pages only.
      if (!/^(https?:|#[\w-]+$)/i.test(href)) signs.push(`a live link that is not http(s): ${href.slice(0, 80)}`);
    }
    await page.waitForTimeout(300);
    const markers = (await page.evaluate('window.__pwned')) as unknown;
    if (markers !== undefined) signs.push(...[markers].flat().map((tag) => `marker ${String(tag)}`));
    const title = await page.title();
    if (title.startsWith('pwned:')) signs.push(`title ${title}`);
    const live = await page
      .locator('script, iframe, object, embed, img[onerror], [onload], [onerror], [onmouseover]')
      .count();
    if (live > 0) signs.push(`${live} active element(s) in the report`);
  } finally {
    await context.close();
  }
  return signs;
}
