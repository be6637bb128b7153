/**
 * `runPayloadChecks` for `npm run reliability` (and the same checks as
 * test/e2e/payloads.spec.ts): the hostile archive of payloads.ts shown in
 * every view of the built renderer in Chromium over the e2e bridge, the diff
 * report exported as HTML (then opened with JavaScript ON) and as PDF
 * (printed by the real chromiumPrinter, read back with pdftotext).
 * `executed` counts the payloads that ran or loaded anywhere: it must be 0.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { findChromium } from '../../src/main/report/pdf/chromiumPrinter';
import { browserApiScript } from '../e2e/bridge/browserApiScript';
import { startBridge } from '../e2e/bridge/server';
import buildRendererIfStale from '../e2e/globalSetup';
import { openReportWithScripts, runPayloadTour, type TourFindings } from './payloadTour';

/** The Chromium flags of playwright.config.ts (headless, offline, root-friendly in containers). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export interface PayloadCheckResult {
  /** Payload placements shown (each payload kind in each place of the archive), plus the two exports. */
  tried: number;
  /** Payloads that ran or loaded (distinct tags), plus signs of life in the exported reports. */
  executed: number;
  /** What ran, where; and any view the tour could not reach (then the check is incomplete). */
  details: string[];
}

/** The text of a PDF as pdftotext reads it, whitespace runs made single spaces. */
export function pdfText(path: string): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

/**
 * What the exported reports show: the HTML opened with scripts on must do
 * nothing; the PDF must hold the payloads as plain text (proof they were
 * printed as words, not dropped or interpreted).
 */
export async function checkReports(
  browser: Browser,
  findings: TourFindings,
): Promise<{ executed: string[]; problems: string[] }> {
  const executed: string[] = [];
  const problems: string[] = [];
  if (findings.reports.html) {
    const html = readFileSync(findings.reports.html, 'utf8');
    if (!html.includes('&lt;img src=x onerror='))
      problems.push('the HTML report does not quote the payloads as escaped text');
    for (const sign of await openReportWithScripts(browser, html)) executed.push(`HTML report: ${sign}`);
  } else {
    problems.push('no HTML report was exported');
  }
  if (findings.reports.pdf) {
    const text = pdfText(findings.reports.pdf);
    for (const expected of ['<img src=x onerror=', '<script>']) {
      if (!text.includes(expected)) problems.push(`the PDF report does not show ${JSON.stringify(expected)} as text`);
    }
  } else {
    problems.push('no PDF report was exported');
  }
  return { executed, problems };
}

/**
 * Run the whole payload check in a Chromium of its own (playwright-core,
 * the machine's Chromium as the e2e tests use), over a fresh bridge and
 * archive in `workDir`. Builds the renderer first when it is missing or stale.
 */
export async function runPayloadChecks(options: {
  workDir: string;
  log?: (message: string) => void;
}): Promise<PayloadCheckResult> {
  const log = options.log ?? (() => {});
  mkdirSync(options.workDir, { recursive: true });
  buildRendererIfStale();
  const executablePath = findChromium();
  if (!executablePath) throw new Error('payload checks need Chromium (set CHROMIUM_PATH or install chromium)');
  const bridge = await startBridge({ samplesDir: null });
  const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 820 } });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    const findings = await runPayloadTour(page, bridge, {
      apiScript: browserApiScript(),
      workDir: options.workDir,
      log,
    });
    await context.close();
    const reports = await checkReports(browser, findings);
    return {
      tried: findings.tried + 2,
      executed: findings.executed.length + reports.executed.length,
      details: [
        ...findings.details,
        ...reports.executed,
        ...findings.problems.map((problem) => `not checked: ${problem}`),
        ...reports.problems.map((problem) => `not checked: ${problem}`),
      ],
    };
  } finally {
    await browser.close();
    await bridge.close();
  }
}
