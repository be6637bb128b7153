import type { ImportFileResult, ImportOutcome, ImportReport } from '../../shared/domain';

/**
 * How many files of each outcome the report lists one by one. A whole-site
 * crawl can hold millions of records (images, scripts, other pages): past this,
 * files are counted and summarised by reason instead, so the report — and the
 * memory an import needs — stays bounded however large the input.
 */
export const LISTED_PER_OUTCOME = 10_000;

/** Collects the outcome of every file or record of an import into a bounded report. */
export class ImportReportBuilder {
  private readonly listed: ImportFileResult[] = [];
  private readonly listedCount: Record<ImportOutcome, number> = { imported: 0, duplicate: 0, skipped: 0, failed: 0 };
  private readonly total: Record<ImportOutcome, number> = { imported: 0, duplicate: 0, skipped: 0, failed: 0 };
  /** Files not listed, by outcome and reason. */
  private readonly unlisted = new Map<string, { outcome: ImportOutcome; reason: string | null; count: number }>();

  constructor(private readonly limit = LISTED_PER_OUTCOME) {}

  add(result: ImportFileResult): void {
    this.total[result.outcome] += 1;
    if (this.listedCount[result.outcome] < this.limit) {
      this.listedCount[result.outcome] += 1;
      this.listed.push(result);
      return;
    }
    const key = `${result.outcome}\u0000${result.reason ?? ''}`;
    const group = this.unlisted.get(key);
    if (group) group.count += 1;
    else this.unlisted.set(key, { outcome: result.outcome, reason: result.reason, count: 1 });
  }

  /** After a cancelled import was undone: what had been imported is no longer in the archive. */
  markImportedUndone(): void {
    const undone = this.total.imported;
    for (const result of this.listed) {
      if (result.outcome !== 'imported') continue;
      result.outcome = 'skipped';
      result.reason = 'import cancelled; undone';
      result.snapshotIds = [];
    }
    for (const group of this.unlisted.values()) {
      if (group.outcome === 'imported') {
        group.outcome = 'skipped';
        group.reason = 'import cancelled; undone';
      }
    }
    this.total.skipped += undone;
    this.total.imported = 0;
  }

  build(
    head: Omit<ImportReport, 'filesTotal' | 'imported' | 'duplicates' | 'skipped' | 'failed' | 'files'>,
  ): ImportReport {
    const summaries: ImportFileResult[] = [...this.unlisted.values()].map((group) => ({
      path: `(${group.count} more ${group.count === 1 ? 'file' : 'files'} not listed one by one)`,
      outcome: group.outcome,
      reason: group.reason,
      snapshotIds: [],
    }));
    return {
      ...head,
      filesTotal: this.total.imported + this.total.duplicate + this.total.skipped + this.total.failed,
      imported: this.total.imported,
      duplicates: this.total.duplicate,
      skipped: this.total.skipped,
      failed: this.total.failed,
      files: [...this.listed, ...summaries],
    };
  }
}
