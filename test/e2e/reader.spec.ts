/**
 * The reader (issue 6) and archived HTML that must never run (issue 8): the
 * outline of a snapshot's sections, the Text / Original page switch with the
 * sanitized page in a sandboxed frame, and a hostile page whose scripts,
 * handlers, javascript: links, SVG and CSS payloads would set markers or
 * fetch from the bridge's recorder if anything ran or loaded. The built
 * renderer in Chromium over the loopback bridge, on the bundled samples.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type FrameLocator, type Locator, type Page } from '@playwright/test';
import { columns, expectNoPageErrors, expectWindowNotScrollable, openApp, selectVendor, snap } from './support/app';
import { useAppSession } from './support/session';

const session = useAppSession();

/** Open the window and wait for the first-launch sample import to finish (or to have been done). */
async function openLoaded(page: Page): Promise<string[]> {
  const errors = await openApp(page, session.bridge, session.apiScript);
  await expect(columns(page).vendors.getByRole('button', { name: /^formlabs\.com / })).toBeVisible();
  await session.bridge.idle();
  return errors;
}

/** Open a vendor's version first seen on `day` and return the reader. */
async function openVersion(page: Page, vendor: string, day: string): Promise<Locator> {
  await selectVendor(page, vendor);
  await columns(page)
    .middle.getByRole('button', { name: new RegExp(`^${day} `) })
    .click();
  const reader = page.getByRole('article', { name: new RegExp(`^${vendor.replace(/\./g, '\\.')} — `) });
  await expect(reader.locator('dl.facts')).toContainText(day);
  return reader;
}

function originalFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.original-frame');
}

test('the outline lists the sections of an HTML sample; choosing one scrolls to it and marks it current', async ({
  page,
}) => {
  const errors = await openLoaded(page);
  // formlabs.com's 2015 capture exists only as the dataset's downloaded HTML.
  const reader = await openVersion(page, 'formlabs.com', '2015-05-04');
  await expect(reader.locator('dl.facts')).toContainText('Princeton dataset (HTML)');

  const headings = reader.locator('.policy-text').locator('h3, h4, h5, h6');
  const headingTexts = (await headings.allInnerTexts()).map((text) => text.trim());
  expect(headingTexts.length).toBeGreaterThan(10);
  expect(headingTexts).toContain('Log Files');

  const outline = reader.getByRole('navigation', { name: 'Sections of this policy' });
  await expect(outline).toContainText(`Sections (${headingTexts.length})`);
  await outline.locator('summary').click();
  const entries = outline.getByRole('button');
  expect((await entries.allInnerTexts()).map((text) => text.trim())).toEqual(headingTexts);

  // A click scrolls the heading into view, moves focus to it and names it as the current section.
  await outline.getByRole('button', { name: 'Log Files' }).click();
  const logFiles = reader.locator('.policy-text').getByRole('heading', { name: 'Log Files' });
  await expect(logFiles).toBeFocused();
  await expect(logFiles).toBeInViewport();
  await expect(outline.locator('summary')).toContainText('· Log Files');

  // The keyboard works the same way: Enter opens the outline (the current entry marked), Enter on an entry.
  await outline.locator('summary').focus();
  await page.keyboard.press('Enter');
  await expect(outline.getByRole('button', { name: 'Log Files' })).toHaveAttribute('aria-current', 'location');
  const cookies = outline.getByRole('button', { name: 'Cookies', exact: true });
  await cookies.focus();
  await page.keyboard.press('Enter');
  const cookiesHeading = reader.locator('.policy-text').getByRole('heading', { name: 'Cookies', exact: true });
  await expect(cookiesHeading).toBeFocused();
  await expect(cookiesHeading).toBeInViewport();
  await expect(outline.locator('summary')).toContainText('· Cookies');
  await outline.locator('summary').click();
  await snap(page, '80-reader-outline');
  await expectWindowNotScrollable(page);

  // A wide window has room for the outline beside the text.
  await page.setViewportSize({ width: 1800, height: 900 });
  const side = reader.getByRole('navigation', { name: 'Sections of this policy' });
  await expect(side.getByRole('heading', { name: /^Sections/ })).toBeVisible();
  const outlineBox = (await side.boundingBox())!;
  const textBox = (await reader.locator('.policy-text').boundingBox())!;
  expect(outlineBox.x + outlineBox.width).toBeLessThanOrEqual(textBox.x);
  await side.getByRole('button', { name: 'Retention of Personal Information' }).click();
  await expect(reader.getByRole('heading', { name: 'Retention of Personal Information' })).toBeInViewport();
  await expect(side.getByRole('button', { name: 'Retention of Personal Information' })).toHaveAttribute(
    'aria-current',
    'location',
  );
  await snap(page, '81-reader-outline-wide');
  await page.setViewportSize({ width: 1280, height: 820 });
  expectNoPageErrors(errors);
});

test('"Original page" shows the sanitized page in a sandboxed frame, with what was removed and the Wayback link', async ({
  page,
}) => {
  const errors = await openLoaded(page);
  const reader = await openVersion(page, 'formlabs.com', '2015-05-04');
  await reader.getByRole('radio', { name: 'Original page' }).check();

  const frame = reader.locator('iframe.original-frame');
  await expect(frame).toBeVisible();
  await expect(frame).toHaveAttribute('sandbox', '');
  await expect(frame).toHaveAccessibleName('Original page of formlabs.com — Privacy Policy, sanitized');
  const inner = originalFrame(page);
  await expect(inner.getByRole('heading', { name: 'Information We Collect', exact: true })).toBeVisible();
  // Links are text with their address; nothing in the frame is a link, an image, a script or a form.
  await expect(inner.locator('a, img, script, iframe, object, embed, form, input, svg, link')).toHaveCount(0);
  await expect(inner.locator('.link-url').first()).toContainText('(http');

  const note = reader.locator('.original-note');
  await expect(note).toContainText('The page as archived');
  expect(await note.innerText()).toMatch(/removed \d+ scripts?.*\d+ links are shown as text with their address/s);
  await reader.locator('iframe.original-frame').scrollIntoViewIfNeeded();
  await snap(page, '82-reader-original');
  await expectWindowNotScrollable(page);

  await note.getByRole('link', { name: 'See the capture as archived on the Wayback Machine' }).click();
  await expect.poll(() => session.bridge.openedUrls.at(-1)).toMatch(/^https:\/\/web\.archive\.org\/web\/20150504/);

  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(inner.locator('html')).toHaveCSS('background-color', 'rgb(35, 36, 41)');
  await snap(page, '83-reader-original-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  // Back to the text; a Markdown capture has no original page to offer.
  await reader.getByRole('radio', { name: 'Text' }).check();
  await expect(reader.locator('.policy-text')).toBeVisible();
  const markdown = await openVersion(page, 'formlabs.com', '2016-05-09');
  await expect(markdown.locator('dl.facts')).toContainText('Markdown');
  await expect(markdown.getByRole('radio', { name: 'Original page' })).toHaveCount(0);
  expectNoPageErrors(errors);
});

/** A privacy page as the Princeton dataset stores downloaded HTML, carrying every kind of payload. */
function hostilePage(recorder: string): string {
  const marker = (name: string) =>
    `window.top.__pwned='${name}';document.title='pwned ${name}';parent.postMessage('pwned:${name}','*');fetch('${recorder}/${name}')`;
  return `<!--The following is the downloaded HTML source of the evil.example privacy policy that was archived on 2020-01-01.
 Please check the original snapshot on the Wayback Machine (https://web.archive.org/web/20200101120000id_/https%3A//evil.example/privacy) for the most accurate reproduction.-->
<!DOCTYPE html><html lang="en"><head><title>Privacy Policy – Evil Example</title>
<base href="${recorder}/base/">
<meta http-equiv="refresh" content="1;url=${recorder}/meta-refresh">
<link rel="stylesheet" href="${recorder}/link-stylesheet">
<link rel="prefetch" href="${recorder}/link-prefetch">
<style>@import url("${recorder}/css-import"); body { background: url("${recorder}/css-url"); }
p { width: expression(${marker('css-expression')}); behavior: url(${recorder}/css-behavior); }</style>
<script>${marker('script')}</script>
<script src="${recorder}/script-src"></script>
<SCRIPT>${marker('uppercase-script')}</SCRIPT>
<!--[if IE]><script>${marker('conditional-comment')}</script><![endif]-->
</head>
<body onload="${marker('body-onload')}">
<h1>Privacy Policy</h1>
<p onmouseover="${marker('onmouseover')}">Evil Example collects the personal data you give us when you create an account or place an order, such as your name, postal address and email address.</p>
<h2>How we use your data</h2>
<p>We use your personal data to deliver your orders and to answer your questions. We never sell your personal information to anyone.<img src="${recorder}/img" onerror="${marker('img-onerror')}" alt="tracking pixel"></p>
<p><a href="javascript:${marker('javascript-url')}">Opt out of everything</a> or <a href="${recorder}/link-click" onclick="${marker('onclick')}">read more about cookies</a>. <a href="&#106;avascript:${marker('entity-javascript-url')}">Entity link</a></p>
<svg onload="${marker('svg-onload')}" width="10" height="10"><script>${marker('svg-script')}</script><image href="${recorder}/svg-image"/></svg>
<math><mtext><img src="${recorder}/math-img" onerror="${marker('math-onerror')}"></mtext></math>
<iframe srcdoc="&lt;script&gt;${marker('iframe-srcdoc')}&lt;/script&gt;" src="${recorder}/iframe"></iframe>
<object data="${recorder}/object"></object><embed src="${recorder}/embed">
<form action="${recorder}/form"><input name="email" autofocus onfocus="${marker('autofocus')}"><button formaction="javascript:${marker('formaction')}">Send</button></form>
<div style="background-image: url('${recorder}/style-attribute')">Styled words stay readable.</div>
<video poster="${recorder}/video-poster" autoplay><source src="${recorder}/video-source"></video>
<h2>Your rights</h2>
<p>You may ask us to see, correct or delete your personal data at any time by writing to privacy@evil.example.</p>
</body></html>
`;
}

test('a hostile page runs nothing and loads nothing, in the text and in the original view', async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'pae-e2e-hostile-'));
  try {
    const recorder = `${session.bridge.url}record`;
    const file = join(dir, 'evil.example-2020-01-01.html');
    writeFileSync(file, hostilePage(recorder));
    session.bridge.setImportPaths([file]);

    // Everything the page asks the network for, and every message posted to the app's window.
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.addInitScript({
      content: `window.__messages = []; window.addEventListener('message', (event) => window.__messages.push(event.data));`,
    });
    const errors = await openLoaded(page);
    await page.getByRole('button', { name: 'Import files…' }).click();
    const report = page.getByRole('region', { name: 'Import finished' });
    await expect(report).toContainText('1 imported');
    await report.getByRole('button', { name: 'Dismiss' }).click();

    const reader = await openVersion(page, 'evil.example', '2020-01-01');
    const text = reader.locator('.policy-text');
    await expect(text).toContainText('We never sell your personal information');
    await expect(text).toContainText('Opt out of everything');
    await snap(page, '84-hostile-page-text');

    await reader.getByRole('radio', { name: 'Original page' }).check();
    const inner = originalFrame(page);
    await expect(inner.getByRole('heading', { name: 'Your rights' })).toBeVisible();
    /** No marker set, nothing fetched, nothing opened, the app and the frame where they were. */
    const expectNothingRan = async (when: string): Promise<void> => {
      expect(await page.evaluate('window.__pwned'), `window.top.__pwned ${when}`).toBeUndefined();
      expect(await page.title(), `the app's title ${when}`).toBe('Policy Archive Explorer');
      expect(await page.evaluate('window.__messages'), `messages posted to the app ${when}`).toEqual([]);
      expect(page.url()).toBe(session.bridge.url);
      expect(
        page
          .frames()
          .map((frame) => frame.url())
          .slice(1),
        `the frame ${when}`,
      ).toEqual(['about:srcdoc']);
      expect(session.bridge.recorded, `requests that reached the recorder ${when}`).toEqual([]);
      expect(
        requests.filter((url) => !url.startsWith(session.bridge.url) || url.includes('/record')),
        `requests ${when}`,
      ).toEqual([]);
      expect(
        session.bridge.openedUrls.filter((url) => url.includes('record')),
        `URLs opened outside ${when}`,
      ).toEqual([]);
    };
    // Give a meta refresh, autoplay, autofocus or lazy load time to act, had any survived.
    await page.waitForTimeout(1500);
    await expectNothingRan('after loading');
    const leftovers = await inner
      .locator(
        'script, style:not(head > style), img, svg, math, iframe, object, embed, form, input, button, video, link, base, a, ' +
          'meta[http-equiv="refresh"], [style], [onload], [onerror], [onclick], [onmouseover], [onfocus], [href], [src]',
      )
      .count();
    expect(leftovers, 'active elements or attributes in the frame').toBe(0);

    // Hover and click where the payloads were.
    await inner.getByText('Evil Example collects').hover();
    await inner.getByText('read more about cookies').click();
    await inner.getByText('Opt out of everything').click();
    await page.waitForTimeout(300);
    await expectNothingRan('after hovering and clicking');

    const note = reader.locator('.original-note');
    expect(await note.innerText()).toMatch(
      /removed \d+ scripts, \d+ style sheets and styles, \d+ event handlers and \d+ images/,
    );
    // What the page says stays readable: styled words, links as text with their address, images as their alt text.
    await expect(inner.locator('body')).toContainText('Styled words stay readable.');
    await expect(inner.locator('body')).toContainText(`read more about cookies (${recorder}/link-click)`);
    await expect(inner.locator('body')).toContainText('[tracking pixel]');
    await snap(page, '85-hostile-page-original');
    // A blocked attempt would have logged a CSP or sandbox error: none means nothing even tried.
    expectNoPageErrors(errors);
  } finally {
    session.bridge.setImportPaths([]);
    rmSync(dir, { recursive: true, force: true });
  }
});
