/**
 * A catalogue of script, handler, URL, SVG, CSS, frame, plugin, mXSS and
 * Markdown payloads, and a hostile archive built from it: each payload, if it
 * ever ran or loaded, would record itself — push its tag onto
 * `top.__pwned`, set the document title to `pwned <tag>`, or fetch
 * `<recorder>/<tag>` from the e2e bridge — so a test knows exactly which
 * payload in which place got through. Used by test/e2e/payloads.spec.ts and
 * runPayloadChecks (payloadChecks.ts). Plain Node: no browser here.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** One payload: markup (or Markdown) built around the JavaScript and URL that would give it away. */
export interface Payload {
  /** Short id, part of every tag this payload records under. */
  id: string;
  /** The payload for `js` (statements that record the tag) and `url` (a recorder URL for the tag). */
  build(js: string, url: string): string;
  /** True for Markdown syntax (only meaningful in Markdown sources). */
  markdown?: boolean;
}

/** Statements that record `tag` if they ever run (no spaces: some places split on whitespace). */
export function markerJs(tag: string, recorder: string): string {
  return `(top.__pwned=top.__pwned||[]).push('${tag}');document.title='pwned:${tag}';fetch('${recorder}/${tag}')`;
}

/** A marker without slashes or spaces, for file names and other short, path-free places. */
export function shortMarkerJs(tag: string): string {
  return `top.__pwned=['${tag}'];document.title='pwned:${tag}'`;
}

export const payloads: Payload[] = [
  { id: 'script', build: (js) => `<script>${js}</script>` },
  { id: 'script-src', build: (_js, url) => `<script src="${url}"></script>` },
  { id: 'script-upper', build: (js) => `<SCRIPT>${js}</SCRIPT>` },
  { id: 'close-open', build: (js) => `</textarea></title></style></script><script>${js}</script>` },
  { id: 'img-onerror', build: (js) => `<img src=x onerror="${js}">` },
  { id: 'img-unquoted', build: (js) => `<img src=x onerror=${js}>` },
  { id: 'svg-onload', build: (js) => `<svg onload="${js}"></svg>` },
  { id: 'svg-script', build: (js) => `<svg><script>${js}</script></svg>` },
  { id: 'svg-animate', build: (js) => `<svg><animate onbegin="${js}" attributeName="x" dur="1s"/></svg>` },
  { id: 'body-onload', build: (js) => `<body onload="${js}">` },
  { id: 'mouseover', build: (js) => `<div onmouseover="${js}" style="position:fixed;inset:0">hover here</div>` },
  { id: 'details-toggle', build: (js) => `<details open ontoggle="${js}"><summary>s</summary></details>` },
  { id: 'autofocus', build: (js) => `<input autofocus onfocus="${js}">` },
  { id: 'audio-onerror', build: (js, url) => `<audio src="${url}" onerror="${js}"></audio>` },
  { id: 'a-javascript', build: (js) => `<a href="javascript:${js}">click me</a>` },
  { id: 'a-entity-js', build: (js) => `<a href="&#106;avascript:${js}">click me too</a>` },
  { id: 'a-data-html', build: (js) => `<a href="data:text/html,<script>${js}</script>">data link</a>` },
  { id: 'iframe-javascript', build: (js) => `<iframe src="javascript:${js}"></iframe>` },
  { id: 'iframe-srcdoc', build: (js) => `<iframe srcdoc="&lt;script&gt;${js}&lt;/script&gt;"></iframe>` },
  { id: 'formaction', build: (js) => `<form><button formaction="javascript:${js}">Send</button></form>` },
  { id: 'form-action', build: (_js, url) => `<form action="${url}"><input type=submit></form>` },
  { id: 'meta-refresh', build: (_js, url) => `<meta http-equiv="refresh" content="0;url=${url}">` },
  { id: 'object', build: (_js, url) => `<object data="${url}"></object>` },
  { id: 'embed', build: (_js, url) => `<embed src="${url}">` },
  { id: 'base', build: (_js, url) => `<base href="${url}/">` },
  { id: 'link-css', build: (_js, url) => `<link rel="stylesheet" href="${url}">` },
  { id: 'css-import', build: (_js, url) => `<style>@import url("${url}");</style>` },
  { id: 'css-bg', build: (_js, url) => `<div style="background-image:url('${url}')">styled</div>` },
  { id: 'css-expression', build: (js) => `<div style="width:expression(${js})">expression</div>` },
  { id: 'css-url-js', build: (js) => `<div style="background:url(javascript:${js})">css js</div>` },
  { id: 'style-tag-bg', build: (_js, url) => `<style>body{background:url("${url}")}</style>` },
  { id: 'noscript-mxss', build: (js) => `<noscript><p title="</noscript><img src=x onerror=${js}>"></noscript>` },
  { id: 'template', build: (js) => `<template><img src=x onerror="${js}"></template>` },
  // Closed again afterwards, so the rest of the page is still parsed as a page (a raw-text <style> left
  // open would swallow it, and the policy text the other payloads hide in would never be imported).
  { id: 'svg-style-mxss', build: (js) => `<svg></p><style><a id="</style><img src=1 onerror=${js}>"></style></svg>` },
  {
    id: 'math-mxss',
    build: (js) =>
      `<math><mtext><table><mglyph><style><img src=x onerror=${js}></style></mglyph></table></mtext></math>`,
  },
  { id: 'comment-break', build: (js) => `--><img src=x onerror=${js}><!--` },
  { id: 'attr-break', build: (js) => `" onmouseover="${js}" x="` },
  { id: 'template-injection', build: (js) => `{{constructor.constructor("${js.replaceAll('"', "'")}")()}} \${${js}}` },
  { id: 'md-link', build: (js) => `[click this link](javascript:${js})`, markdown: true },
  { id: 'md-image', build: (_js, url) => `![tracking image](${url})`, markdown: true },
  { id: 'md-autolink', build: (js) => `<javascript:${js}>`, markdown: true },
  { id: 'md-ref-link', build: (js) => `[ref link][evil]\n\n[evil]: javascript:${js}`, markdown: true },
];

/** Every payload of the catalogue for one carrier (the place in the archive it sits in). */
export function payloadsFor(carrier: string, recorder: string, options: { markdown?: boolean } = {}): string[] {
  return payloads
    .filter((payload) => options.markdown || !payload.markdown)
    .map((payload) => {
      const tag = `${carrier}.${payload.id}`;
      return payload.build(markerJs(tag, recorder), `${recorder}/${tag}`);
    });
}

/** `text` as HTML text: what a page shows literally (a payload quoted in a policy). */
export function asHtmlText(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** Short payloads for places with length limits (tags ≤ 60, vendor names ≤ 200, file names ≤ 255 bytes). */
export function shortPayloads(carrier: string): string[] {
  const js = (id: string) => shortMarkerJs(`${carrier}.${id}`);
  return [
    `<img src=x onerror=${js('img')}>`,
    `<svg onload=${js('svg')}>`,
    `<script>${js('script')}</script>`,
    `"><a href=javascript:${js('href')}>x</a>`,
  ];
}

/** A tag (≤ 60 characters, no control characters) that would run if rendered as markup. */
export function tagPayloads(carrier: string): string[] {
  return [`<img src=x onerror=top.__pwned=['${carrier}.tag']>`, `<svg onload=top.__pwned=['${carrier}.svg']>`];
}

/** What the hostile archive is made of, and how many payload placements it holds. */
export interface HostileArchive {
  /** Files that import (two versions each of an HTML and a Markdown policy, and a plain text). */
  importable: string[];
  /** Files that fail or are skipped: their names carry payloads, so the import report shows them. */
  failing: string[];
  /** The plain-text file, imported with a payload vendor and original URL (see `overrides`). */
  plainText: string;
  overrides: { vendor: string; originalUrl: string; capturedAt: string };
  /** Edits made through the handlers: a vendor renamed, tags and notes with payloads. */
  edits: { vendorName: string; vendorTags: string[]; snapshotTags: string[]; note: string };
  /** Search queries made of payloads (they are echoed back: "how the search read the query", history titles). */
  queries: string[];
  /** A word every hostile policy holds, to find them by search. */
  commonWord: string;
  /** Number of payloads placed (each kind in each place counts once). */
  placements: number;
}

/** The Princeton dataset's header for downloaded HTML, naming the site, the date and the Wayback URL. */
function princetonHtml(site: string, date: string, waybackUrl: string, head: string, body: string): string {
  return `<!--The following is the downloaded HTML source of the ${site} privacy policy that was archived on ${date}.
 Please check the original snapshot on the Wayback Machine (${waybackUrl}) for the most accurate reproduction.-->
<!DOCTYPE html><html lang="en"><head>${head}</head>
<body>${body}</body></html>
`;
}

function princetonMarkdown(site: string, date: string, waybackUrl: string, markdown: string): string {
  return (
    `> *The following text is extracted and transformed from the ${site} privacy policy that was archived on ${date}. ` +
    `Please check the [original snapshot on the Wayback Machine](${waybackUrl}) for the most accurate reproduction.*\n\n` +
    `${markdown.trim()}\n`
  );
}

/**
 * Write the hostile archive's source files into `dir`. `recorder` is the
 * bridge's recorder base URL (`http://127.0.0.1:<port>/record`).
 */
export function writeHostileArchive(dir: string, recorder: string): HostileArchive {
  let placements = 0;
  const count = <T>(items: T[]): T[] => {
    placements += items.length;
    return items;
  };
  const commonWord = 'zephyrwords';
  const files: string[] = [];

  // Two versions of an HTML policy: live markup everywhere, and the same payloads quoted as text in
  // the title, headings, paragraphs, list items, table cells and the "last updated" line.
  for (const [version, date, stamp] of [
    [1, '2020-01-01', '20200101120000'],
    [2, '2021-06-01', '20210601120000'],
  ] as const) {
    const carrier = (place: string) => `html${version}-${place}`;
    const wayback = `https://web.archive.org/web/${stamp}id_/https%3A//evil.example/privacy?q=%22%3E%3Cimg%20src%3Dx%20onerror%3Dtop.__pwned%3D1%3E`;
    const live = count(payloadsFor(carrier('markup'), recorder));
    // The head holds what belongs there (scripts, styles, links, meta, base); everything goes in the body's end.
    const headIds = [
      'script',
      'script-src',
      'script-upper',
      'meta-refresh',
      'base',
      'link-css',
      'css-import',
      'style-tag-bg',
    ];
    const headLive = count(
      payloads
        .filter((payload) => headIds.includes(payload.id))
        .map((payload) => {
          const tag = `${carrier('head')}.${payload.id}`;
          return payload.build(markerJs(tag, recorder), `${recorder}/${tag}`);
        }),
    );
    const quoted = (place: string) => count(payloadsFor(carrier(place), recorder)).map(asHtmlText);
    const head = `<title>${quoted('title').slice(0, 3).join(' ')} Privacy Policy</title>${headLive.join('\n')}`;
    const paragraphs = quoted('paragraph')
      .map(
        (text, index) =>
          `<p>Paragraph ${index + 1} of version ${version} about ${commonWord} and personal data: ${text}</p>`,
      )
      .join('\n');
    const headings = quoted('heading')
      .map(
        (text, index) =>
          `<h2>Section ${index + 1}: ${text}</h2><p>We keep ${commonWord} section ${index + 1} short.</p>`,
      )
      .join('\n');
    const items = `<ul>${quoted('list')
      .map((text) => `<li>${commonWord} item ${text}</li>`)
      .join('')}</ul>`;
    const cells = `<table>${quoted('table')
      .map((text) => `<tr><td>${text}</td><td>${commonWord}</td></tr>`)
      .join('')}</table>`;
    const updated = `<p>Last updated: ${asHtmlText(`<script>${markerJs(carrier('date'), recorder)}</script>`)} ${date}. Effective date: ${date}.</p>`;
    placements += 1;
    const body =
      `<h1>Evil Example Privacy Policy</h1>${updated}\n${version === 2 ? '<p>New in 2021: we changed everything.</p>' : ''}` +
      `${paragraphs}\n${headings}\n${items}\n${cells}\n${live.join('\n')}\n<h2>Your rights</h2><p>You may write to privacy@evil.example about ${commonWord}.</p>`;
    const file = join(dir, `evil.example-${date}.html`);
    writeFileSync(file, princetonHtml('evil.example', date, wayback, head, body));
    files.push(file);
  }

  // Two versions of a Markdown policy: payloads in headings, list items, links, images and raw HTML.
  for (const [version, date, stamp] of [
    [1, '2019-03-01', '20190301120000'],
    // Within a year: a span of 18+ months trips a timeline-axis bug unrelated to payloads
    // (duplicate "Jul" tick keys in VersionAxis.svelte, reported to the lead).
    [2, '2019-09-01', '20190901120000'],
  ] as const) {
    const carrier = (place: string) => `md${version}-${place}`;
    const wayback = `https://web.archive.org/web/${stamp}id_/https%3A//markdown-evil.example/privacy`;
    const inline = count(payloadsFor(carrier('inline'), recorder, { markdown: true }));
    const headings = count(payloadsFor(carrier('heading'), recorder)).map(
      (text, index) => `## Heading ${index + 1} ${text.replaceAll('\n', ' ')}\n\nText about ${commonWord} ${index}.`,
    );
    const items = count(payloadsFor(carrier('list'), recorder)).map(
      (text) => `- ${commonWord} ${text.replaceAll('\n', ' ')}`,
    );
    const markdown = [
      `# Markdown Evil Privacy Policy`,
      version === 2 ? 'This version adds a paragraph about cookies.' : 'The first version.',
      ...inline.map((text, index) => `Paragraph ${index} on ${commonWord}: ${text}`),
      ...headings,
      items.join('\n'),
    ].join('\n\n');
    const file = join(dir, `markdown-evil.example-${date}.md`);
    writeFileSync(file, princetonMarkdown('markdown-evil.example', date, wayback, markdown));
    files.push(file);
  }

  // A plain text imported with a payload vendor and original URL, as the import options allow.
  const plainText = join(dir, 'pasted-policy.txt');
  const plainPayloads = count(payloadsFor('txt-body', recorder));
  writeFileSync(
    plainText,
    `Privacy Policy\n\nLast updated: March 3, 2022\n\n` +
      `This privacy policy explains how we collect, use and share your personal information and personal data, ` +
      `which cookies we use, how long we retain data, and your rights to access, correct or delete it. ` +
      `We collect ${commonWord} about you. Contact our data protection officer about privacy questions.\n\n` +
      `${plainPayloads.join('\n\n')}\n\nYour rights: you may opt out of the sale of personal information.\n`,
  );
  const overrides = {
    vendor: count(shortPayloads('import-vendor'))[0]!,
    originalUrl: `https://plain-evil.example/privacy?x="><script>${shortMarkerJs('import-url')}</script>`,
    capturedAt: '2022-03-03',
  };
  placements += 1;

  // Files that fail, with payloads in their names (no slashes: names cannot hold them).
  const failing = count(shortPayloads('filename'))
    .filter((name) => !name.includes('/'))
    .map((name, index) => {
      const file = join(dir, `${name}.${index % 2 === 0 ? 'html' : 'warc.gz'}`);
      writeFileSync(file, Buffer.from([0, 1, 2, 3, 0xff, 0xfe, 0, 0, 7, 8]));
      return file;
    });

  const edits = {
    vendorName: `${shortPayloads('vendor-name').join(' ')}`.slice(0, 200),
    vendorTags: count(tagPayloads('vendor-tag')),
    snapshotTags: count(tagPayloads('snapshot-tag')),
    note: count(payloadsFor('note', recorder)).join('\n'),
  };
  placements += 1; // the vendor name
  const queries = [
    `"${commonWord}" <img src=x onerror=${shortMarkerJs('query.img')}>`,
    `${commonWord} <script>${shortMarkerJs('query.script')}</script>`,
  ];
  placements += queries.length;

  return {
    importable: files,
    failing,
    plainText,
    overrides,
    edits,
    queries,
    commonWord,
    placements,
  };
}
