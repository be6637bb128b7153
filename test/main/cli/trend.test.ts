import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Trend } from '../../../src/shared/searchDomain';
import { ExitCode } from '../../../src/main/cli/exitCodes';
import { samplesDir, tempDir } from '../../support/paths';
import { cli, json } from './cliHarness';

let dir: string;
let cleanup: () => void;
let db: string;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir('pae-cli-trend-'));
  db = join(dir, 'archive.sqlite');
  const run = await cli(['--db', db, 'import', join(samplesDir, 'princeton'), join(samplesDir, 'princeton-history')]);
  expect(run.code).toBe(ExitCode.ok);
});
afterAll(() => cleanup());

/** Table rows of the output, by their first cell. */
function tableRow(stdout: string, label: string): string[] {
  const line = stdout.split('\n').find((text) => text.startsWith(`${label} `));
  if (!line) throw new Error(`no row ${label} in:\n${stdout}`);
  return line.trim().split(/\s{2,}/);
}

describe('trend <query>', () => {
  it('prints a table per year: vendors, matching vendors, share, median length and readability', async () => {
    const run = await cli(['--db', db, 'trend', '"legitimate interest"', '--by', 'year', '--vendor', 'formlabs.com']);
    expect(run.code).toBe(ExitCode.ok);
    expect(run.stdout).toMatch(/^YEAR\s+VENDORS\s+MATCHING\s+SHARE\s+MEDIAN WORDS\s+READABILITY$/m);
    const [label, vendors, matching, share] = tableRow(run.stdout, '2018');
    expect([label, vendors, matching, share]).toEqual(['2018', '1', '1', '100.0%']);
    expect(tableRow(run.stdout, '2017').slice(0, 4)).toEqual(['2017', '1', '0', '0.0%']);
  });

  it('prints CSV with --csv: a header, one row per period, the query on every row', async () => {
    const run = await cli(['--db', db, 'trend', 'legitimate interest', '--csv']);
    expect(run.code).toBe(ExitCode.ok);
    const lines = run.stdout.split('\r\n');
    expect(lines[0]).toBe(
      'query,interpreted_as,period,start,end,vendors_with_policy,vendors_matching,share,median_words,median_readability',
    );
    const trend = json<Trend>(await cli(['--db', db, 'trend', 'legitimate interest', '--json']));
    expect(lines).toHaveLength(trend.periods.length + 2);
    const row2018 = lines.find((line) => line.includes(',2018,'))!.split(',');
    const period2018 = trend.periods.find((period) => period.label === '2018')!;
    expect(row2018[0]).toBe('legitimate interest');
    expect(Number(row2018[5])).toBe(period2018.vendorsWithPolicy);
    expect(Number(row2018[6])).toBe(period2018.vendorsMatching);
    expect(Number(row2018[7])).toBeCloseTo(period2018.share!, 5);
  });

  it('splits into half-years with --by half-year, up to the last capture in range', async () => {
    const trend = json<Trend>(
      await cli(['--db', db, 'trend', 'cookies', '--by', 'half-year', '--from', '2016', '--to', '2017', '--json']),
    );
    expect(trend.by).toBe('half-year');
    // The last capture of 2016–2017 is from February 2017.
    expect(trend.periods.map((period) => period.label)).toEqual(['2016 H1', '2016 H2', '2017 H1']);
  });

  it('writes a CSV file with -o and says where on stderr', async () => {
    const file = join(dir, 'trend.csv');
    const run = await cli(['--db', db, 'trend', '"legitimate interest"', '-o', file]);
    expect(run.code).toBe(ExitCode.ok);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/Wrote \d+ periods \(csv\) to .*trend\.csv/);
    const csv = readFileSync(file, 'utf8');
    expect(csv.startsWith('query,interpreted_as,period')).toBe(true);
    expect(csv).toContain('"""legitimate interest"""');
  });

  it('shows only length and readability without a query', async () => {
    const run = await cli(['--db', db, 'trend', '--type', 'privacy-policy']);
    expect(run.code).toBe(ExitCode.ok);
    expect(run.stdout).toMatch(/No query: policy length and readability only/);
    expect(run.stdout).toMatch(/^YEAR\s+VENDORS\s+MEDIAN WORDS\s+READABILITY$/m);
  });

  it('rejects unknown periods, conflicting formats and unknown vendors', async () => {
    expect((await cli(['--db', db, 'trend', 'cookies', '--by', 'month'])).code).toBe(ExitCode.usage);
    expect((await cli(['--db', db, 'trend', 'cookies', '--csv', '--json'])).code).toBe(ExitCode.usage);
    expect((await cli(['--db', db, 'trend', 'cookies', '--vendor', 'nosuch.example'])).code).toBe(ExitCode.notFound);
  });
});
