import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { findVendor, getSnapshot, vendorTimeline } from '../../../src/main/archive/queries';
import { buildReportDocument } from '../../../src/main/report/reportDocument';
import { acrossEvent, documentTimeline } from '../../../src/main/timeline/documentTimeline';
import { diffBlocks } from '../../../src/shared/diff/diffBlocks';
import { referenceEvent } from '../../../src/shared/referenceEvents';
import { renderReportHtml } from '../../../src/shared/report/renderReportHtml';
import { renderReportMarkdown } from '../../../src/shared/report/renderReportMarkdown';
import type { ReportOptions } from '../../../src/shared/report/reportTypes';
import { useImportedArchive } from '../../support/importedArchive';
import { samplesDir } from '../../support/paths';

/*
 * Reports on real versions: formlabs.com's privacy policy 2015–2018, either
 * side of the GDPR (princeton-history plus the seed's post-GDPR capture).
 */

const db = useImportedArchive([join(samplesDir, 'princeton-history', 'formlabs.com'), join(samplesDir, 'princeton')]);
const OPTIONS: ReportOptions = { pageSize: 'A4', layout: 'inline', includeUnchanged: false, ignore: {} };
const META = { appVersion: '9.8.7', generatedAt: '2026-05-01T12:00:00Z' };

function formlabs() {
  const vendor = findVendor(db(), 'formlabs.com')!;
  const [document] = vendorTimeline(db(), vendor.id)!.documents;
  return document!;
}
const across = (options = OPTIONS) =>
  buildReportDocument(db(), { kind: 'across', documentId: formlabs().id, eventId: 'gdpr' }, options, META);
const comparisonSection = (html: string) => parseHTML(html).document.querySelector('section.comparison')!;
const unchangedCounts = (text: string) =>
  [...text.matchAll(/… ([\d,]+) unchanged paragraphs? …/g)].map((m) => Number(m[1]));

describe('buildReportDocument across the GDPR', () => {
  it('compares the last version before the GDPR with the first after, with the diff’s own statistics', () => {
    const doc = across();
    const expected = acrossEvent(db(), formlabs().id, referenceEvent('gdpr')!)!;
    expect(doc.kind).toBe('across');
    expect(doc.event?.id).toBe('gdpr');
    expect(doc.comparisons).toHaveLength(1);
    const [comparison] = doc.comparisons;
    expect(comparison!.a.id).toBe(expected.before!.snapshot.id);
    expect(comparison!.b.id).toBe(expected.after!.snapshot.id);
    expect(comparison!.a.capturedAt < '2018-05-25').toBe(true);
    expect(comparison!.b.capturedAt >= '2018-05-25').toBe(true);
    const { stats } = diffBlocks(
      getSnapshot(db(), comparison!.a.id)!.blocks,
      getSnapshot(db(), comparison!.b.id)!.blocks,
    );
    expect(comparison!.stats).toEqual(stats);
    expect(stats.wordsAdded).toBeGreaterThan(100);
    expect(comparison!.sections.map((section) => section.label)).toEqual(stats.sectionsTouched);
  });

  it('names the event, both versions, their hashes and links, and the statistics on the cover', () => {
    const doc = across();
    const { document } = parseHTML(renderReportHtml(doc));
    const cover = document.querySelector('section.cover')!;
    const text = cover.textContent!;
    const [comparison] = doc.comparisons;
    expect(text).toContain('GDPR (2018-05-25)');
    expect(text).toContain('formlabs.com');
    expect(text).toContain('9.8.7');
    expect(text).toContain('2026-05-01 12:00:00 UTC');
    for (const snapshot of [comparison!.a, comparison!.b]) {
      expect(text).toContain(snapshot.contentHash);
      expect(snapshot.waybackUrl).toMatch(/^https?:\/\/web\.archive\.org\//);
      const links = [...cover.querySelectorAll('a[href]')].map((a) => a.getAttribute('href'));
      expect(links).toContain(new URL(snapshot.waybackUrl!).href);
    }
    expect(text).toContain('2018-05-25'); // the newer version's stated effective date
    const stats = comparison!.stats;
    const statText = [...cover.querySelectorAll('table.facts tr')].map((row) => row.textContent!.replace(/\s+/g, ' '));
    expect(statText).toContain(`Words added${stats.wordsAdded.toLocaleString('en-US')}`);
    expect(statText).toContain(`Words removed${stats.wordsRemoved.toLocaleString('en-US')}`);
    expect(statText).toContain(`Words moved${stats.wordsMoved.toLocaleString('en-US')}`);
    expect(statText).toContain(`Sections changed${stats.sectionsTouched.length}`);
    expect([...cover.querySelectorAll('.toc .label')].map((a) => a.textContent)).toEqual(stats.sectionsTouched);
  });

  it('marks every inserted and deleted word in the redline', () => {
    const doc = across();
    const section = comparisonSection(renderReportHtml(doc));
    const spans = doc.comparisons[0]!.blocks.flatMap((block) => block.spans);
    const ins = [...section.querySelectorAll('ins')].map((node) => node.textContent);
    const del = [...section.querySelectorAll('del')].map((node) => node.textContent);
    expect(ins).toEqual(spans.filter((span) => span.op === 'insert').map((span) => span.text));
    expect(del).toEqual(spans.filter((span) => span.op === 'delete').map((span) => span.text));
    expect(ins.join(' ')).toContain('Privacy Shield');
  });

  it('collapses unchanged paragraphs with counts that add up to the unchanged ones', () => {
    const doc = across();
    const comparison = doc.comparisons[0]!;
    const section = comparisonSection(renderReportHtml(doc));
    const counts = unchangedCounts(section.textContent!);
    expect(counts.length).toBeGreaterThan(0);
    const shownUnchanged = section.querySelectorAll('.blk.chg-equal:not(.move *)').length;
    expect(counts.reduce((sum, count) => sum + count, 0) + shownUnchanged).toBe(comparison.stats.blocksUnchanged);
    // Only headings stay of the unchanged text, so a change is read under its section.
    for (const node of section.querySelectorAll('.blk.chg-equal:not(.move *)'))
      expect(node.tagName).toMatch(/^H[3-6]$/);
    const dropped = comparison.blocks.find((block) => block.change === 'equal' && block.kind === 'paragraph')!;
    expect(section.textContent).not.toContain(dropped.spans[0]!.text);
  });

  it('shows the full text of both versions with includeUnchanged', () => {
    const doc = across({ ...OPTIONS, includeUnchanged: true });
    const section = comparisonSection(renderReportHtml(doc));
    expect(unchangedCounts(section.textContent!)).toEqual([]);
    // Without the deletions, the redline reads as the newer version, paragraph by paragraph.
    for (const node of section.querySelectorAll('del')) node.remove();
    const text = section.textContent!;
    for (const block of getSnapshot(db(), doc.comparisons[0]!.b.id)!.blocks) expect(text).toContain(block.text);
  });

  it('lays the same changes out side by side, one row per block with the older text left', () => {
    const doc = across({ ...OPTIONS, layout: 'side-by-side' });
    const section = comparisonSection(renderReportHtml(doc));
    const table = section.querySelector('table.sbs')!;
    const rows = [...table.querySelectorAll('tbody tr')];
    const changed = doc.comparisons[0]!.blocks.filter((block) => block.change !== 'equal');
    const marked = rows.filter((row) => row.querySelector('ins, del, .move-note, .format-note') !== null).length;
    expect(marked).toBe(changed.length);
    // A paragraph changed in place: its older text (with deletions) left, its newer text (with insertions) right.
    const replaced = changed.find((block) => block.change === 'replace' && block.kind === 'paragraph')!;
    const older = replaced.spans
      .filter((span) => span.op !== 'insert')
      .map((span) => span.text)
      .join('');
    const newer = replaced.spans
      .filter((span) => span.op !== 'delete')
      .map((span) => span.text)
      .join('');
    const row = rows.find((candidate) => candidate.querySelector('td')?.textContent === older)!;
    const [left, right] = [...row.querySelectorAll('td')];
    expect(left!.className).toBe('removed');
    expect(right!.className).toBe('added');
    expect(right!.textContent).toBe(newer);
  });

  it('writes the same report as Markdown: cover facts, statistics, sections, marked changes, collapsed runs', () => {
    const doc = across();
    const markdown = renderReportMarkdown(doc);
    const html = renderReportHtml(doc);
    const comparison = doc.comparisons[0]!;
    expect(markdown).toContain('GDPR (2018-05-25)');
    for (const snapshot of [comparison.a, comparison.b]) {
      expect(markdown).toContain(snapshot.contentHash);
      expect(markdown).toContain(`<${new URL(snapshot.waybackUrl!).href}>`);
    }
    expect(markdown).toContain(`**Words added:** ${comparison.stats.wordsAdded.toLocaleString('en-US')}`);
    expect(markdown).toContain(`**Words removed:** ${comparison.stats.wordsRemoved}`);
    expect(markdown).toContain('**+Privacy Shield');
    expect(unchangedCounts(markdown)).toEqual(unchangedCounts(comparisonSection(html).textContent!));
    const inserts = comparison.blocks.flatMap((block) => block.spans).filter((span) => span.op === 'insert');
    expect((markdown.match(/\*\*\+/g) ?? []).length - 1).toBe(inserts.filter((span) => span.text.trim()).length);
  });
});

describe('buildReportDocument for a history and a pair', () => {
  it('compares every consecutive pair of a document’s versions, with a timeline summary', () => {
    const { versions } = documentTimeline(db(), formlabs().id)!;
    const doc = buildReportDocument(db(), { kind: 'history', documentId: formlabs().id }, OPTIONS, META);
    expect(versions.length).toBeGreaterThanOrEqual(3);
    expect(doc.comparisons).toHaveLength(versions.length - 1);
    expect(doc.timeline!.map((row) => row.version)).toEqual(versions.map((version) => version.number));
    doc.comparisons.forEach((comparison, index) => {
      expect(comparison.a.id).toBe(versions[index]!.snapshot.id);
      expect(comparison.b.id).toBe(versions[index + 1]!.snapshot.id);
      expect(doc.timeline![index + 1]!.change!.wordsAdded).toBe(comparison.stats.wordsAdded);
    });
    const { document } = parseHTML(renderReportHtml(doc));
    expect(document.querySelectorAll('section.comparison')).toHaveLength(versions.length - 1);
    expect(document.querySelectorAll('table.timeline tbody.version')).toHaveLength(versions.length);
    // Section ids stay unique across comparisons.
    const ids = doc.comparisons.flatMap((comparison) => comparison.sections.map((section) => section.id));
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(document.getElementById(id)).not.toBeNull();
  });

  it('diffs a pair in the order given, with the ignore options applied', () => {
    const { snapshots } = formlabs();
    const [first, second] = snapshots;
    const subject = { kind: 'pair', snapshotA: first!.id, snapshotB: second!.id } as const;
    const plain = buildReportDocument(db(), subject, OPTIONS, META);
    const ignoring = buildReportDocument(
      db(),
      subject,
      { ...OPTIONS, ignore: { ignoreCase: true, ignorePunctuation: true } },
      META,
    );
    const a = getSnapshot(db(), first!.id)!.blocks;
    const b = getSnapshot(db(), second!.id)!.blocks;
    expect(plain.comparisons[0]!.stats).toEqual(diffBlocks(a, b).stats);
    expect(ignoring.comparisons[0]!.stats).toEqual(
      diffBlocks(a, b, { ignoreCase: true, ignorePunctuation: true }).stats,
    );
    expect(renderReportHtml(ignoring)).toContain('letter case, punctuation and quote/dash styles');
  });

  it('names what is missing: an unknown snapshot, document or event', () => {
    const documentId = formlabs().id;
    expect(() => buildReportDocument(db(), { kind: 'pair', snapshotA: 1, snapshotB: 999999 }, OPTIONS, META)).toThrow(
      'Snapshot 999999 not found',
    );
    expect(() => buildReportDocument(db(), { kind: 'history', documentId: 999999 }, OPTIONS, META)).toThrow(
      'Document 999999 not found',
    );
    expect(() => buildReportDocument(db(), { kind: 'across', documentId, eventId: 'hipaa' }, OPTIONS, META)).toThrow(
      /Unknown reference event "hipaa" \(known: gdpr, ccpa, cpra\)/,
    );
  });
});
