import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPrinter } from '../../../../src/main/report/pdf/chromiumPrinter';
import {
  cliPdfPrinter,
  electronRuntimePrinter,
  findElectronRuntime,
  findPrintScript,
} from '../../../../src/main/report/pdf/electronRuntime';
import { PAGE_MARGINS } from '../../../../src/shared/report/printSettings';
import { repoRoot, tempDir } from '../../../support/paths';
import { pdfText } from './popplerTools';

/*
 * Electron cannot run on this machine, so the "Electron binary" here is a
 * stand-in that speaks the same job protocol (argv: print script, job folder;
 * job.json in, report.pdf out) and prints with the real Chromium. What is
 * tested is everything on our side of the process boundary.
 */
let dir: string;
let cleanup: () => void;
let fakeElectron: string;
let failingElectron: string;

const SETTINGS = {
  pageSize: 'A4' as const,
  headerTemplate: '<span></span>',
  footerTemplate: '<span class="pageNumber"></span>',
  margins: { ...PAGE_MARGINS },
};

beforeAll(() => {
  ({ dir, cleanup } = tempDir());
  const printJs = join(dir, 'fakePrint.cjs');
  const playwright = require.resolve('playwright-core', { paths: [repoRoot] });
  writeFileSync(
    printJs,
    `const { readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { chromium } = require(${JSON.stringify(playwright)});
const job = process.argv[3];
writeFileSync(${JSON.stringify(join(dir, 'last-run.json'))}, JSON.stringify({ asNode: process.env.ELECTRON_RUN_AS_NODE ?? null, script: process.argv[2], job }));
const { html, settings } = JSON.parse(readFileSync(join(job, 'job.json'), 'utf8'));
(async () => {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  const page = await browser.newPage({ javaScriptEnabled: false });
  await page.setContent(html);
  const pdf = await page.pdf({ format: settings.pageSize, margin: settings.margins, printBackground: true });
  writeFileSync(join(job, 'report.pdf'), pdf);
  await browser.close();
})().catch((error) => { console.error(error); process.exit(2); });
`,
  );
  fakeElectron = join(dir, 'fake-electron');
  writeFileSync(fakeElectron, `#!/bin/sh\nexec "${process.execPath}" "${printJs}" "$@"\n`);
  chmodSync(fakeElectron, 0o755);
  failingElectron = join(dir, 'failing-electron');
  writeFileSync(failingElectron, '#!/bin/sh\necho "GPU process crashed" >&2\nexit 3\n');
  chmodSync(failingElectron, 0o755);
});
afterAll(() => cleanup());

describe('findElectronRuntime', () => {
  it('takes POLICY_ARCHIVE_ELECTRON when that file exists, and nothing when it does not', () => {
    expect(findElectronRuntime({ POLICY_ARCHIVE_ELECTRON: fakeElectron }, dir)).toBe(fakeElectron);
    expect(findElectronRuntime({ POLICY_ARCHIVE_ELECTRON: join(dir, 'missing') }, dir)).toBeNull();
  });

  it("finds a development install's downloaded binary from the electron package's path.txt, never downloading", () => {
    const project = join(dir, 'project');
    const electronDir = join(project, 'node_modules', 'electron');
    mkdirSync(join(electronDir, 'dist'), { recursive: true });
    mkdirSync(join(project, 'src'), { recursive: true });
    writeFileSync(join(electronDir, 'package.json'), '{"name":"electron","version":"0.0.0"}');
    // Not downloaded yet: no path.txt.
    expect(findElectronRuntime({}, join(project, 'src'))).toBeNull();
    writeFileSync(join(electronDir, 'path.txt'), 'electron');
    // path.txt but no binary.
    expect(findElectronRuntime({}, join(project, 'src'))).toBeNull();
    writeFileSync(join(electronDir, 'dist', 'electron'), '');
    expect(findElectronRuntime({}, join(project, 'src'))).toBe(join(electronDir, 'dist', 'electron'));
  });
});

describe('electronRuntimePrinter', () => {
  it('runs the binary on the print script and a job folder, without ELECTRON_RUN_AS_NODE, and returns its PDF', async () => {
    const printer = electronRuntimePrinter({
      binary: fakeElectron,
      script: '/app/out/main/reportPrint.js',
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    });
    const pdf = await printer.print('<h1>Privacy Policy</h1><p>We sell nothing.</p>', SETTINGS);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdfText(pdf)).toContain('We sell nothing.');
    const run = JSON.parse(readFileSync(join(dir, 'last-run.json'), 'utf8')) as {
      asNode: string | null;
      script: string;
      job: string;
    };
    expect(run).toMatchObject({ asNode: null, script: '/app/out/main/reportPrint.js' });
    // The job folder is removed once the PDF is read.
    expect(existsSync(run.job)).toBe(false);
  }, 60_000);

  it("reports the binary's own error output when a print fails", async () => {
    const printer = electronRuntimePrinter({ binary: failingElectron, script: '/x/reportPrint.js' });
    await expect(printer.print('<p>x</p>', SETTINGS)).rejects.toThrow(/exit 3\): GPU process crashed/);
  });
});

describe('cliPdfPrinter', () => {
  it('prints with the Electron runtime when it and the built print script exist, otherwise with Chromium', () => {
    const built = join(dir, 'built');
    mkdirSync(built, { recursive: true });
    const chromium = () => chromiumPrinter({ executablePath: '/usr/bin/chromium' });
    const env = { POLICY_ARCHIVE_ELECTRON: fakeElectron };
    // The print script is not built beside this folder: Chromium.
    expect(cliPdfPrinter(env, chromium, join(dir, 'nowhere', 'a', 'b', 'c')).engine).toBe('chromium');
    writeFileSync(join(built, 'reportPrint.js'), '');
    expect(findPrintScript(built)).toBe(join(built, 'reportPrint.js'));
    expect(cliPdfPrinter(env, chromium, built).engine).toBe('electron');
    expect(cliPdfPrinter({ ...env, POLICY_ARCHIVE_PDF_ENGINE: 'chromium' }, chromium, built).engine).toBe('chromium');
    expect(cliPdfPrinter({ POLICY_ARCHIVE_ELECTRON: join(dir, 'missing') }, chromium, built).engine).toBe('chromium');
  });
});
