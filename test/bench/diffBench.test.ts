import { describe, expect, it } from 'vitest';
import { checkReconstruction } from '../../bench/diff/checkReconstruction';
import { dmpWordDiff } from '../../bench/diff/dmpWordDiff';
import {
  formatColumns,
  formatDiffReport,
  formatGroupTable,
  formatPairTable,
  formatTargets,
} from '../../bench/diff/formatDiffReport';
import { formatMs, formatRatio } from '../../bench/diff/formatTime';
import { generatePair, generatedPairs } from '../../bench/diff/generatedPairs';
import type { PairMeasurement, ToolName } from '../../bench/diff/measurement';
import { loadRealPairs } from '../../bench/diff/realPairs';
import type { RunOutcome } from '../../bench/diff/runOutcome';
import { checkTargets, medianStat, pairTime, summarizeGroups } from '../../bench/diff/summarize';
import type { PairGroup } from '../../bench/diff/textPair';
import { loadSeedPool, splitChunks } from '../../bench/corpus/seedTexts';
import { markdownBlocks } from '../../src/main/extract/markdownBlocks';
import { diffBlocks } from '../../src/shared/diff/diffBlocks';
import { samplesDir } from '../support/paths';

const pool = loadSeedPool(samplesDir);

describe('generated pairs', () => {
  it('are identical for the same seed and differ for another seed', () => {
    const first = generatedPairs(pool, 7);
    const again = generatedPairs(pool, 7);
    const other = generatedPairs(pool, 8);
    expect(again).toEqual(first);
    expect(other.map((pair) => pair.b)).not.toEqual(first.map((pair) => pair.b));
    expect(first.map((pair) => pair.label)).toEqual([
      '20 KB, 1 % edits',
      '20 KB, 10 % edits',
      '20 KB, 50 % edits',
      '200 KB, 1 % edits',
      '200 KB, 10 % edits',
      '200 KB, 50 % edits',
    ]);
  });

  it('start from real sample paragraphs of about the requested size', () => {
    const realChunks = new Set(pool.seeds.flatMap((seed) => seed.chunks));
    for (const targetBytes of [20 * 1024, 200 * 1024]) {
      const pair = generatePair(pool, { targetBytes, editRate: 0.1, seed: 3, group: 'generated-20k' });
      const bytes = Buffer.byteLength(pair.a);
      expect(bytes).toBeGreaterThanOrEqual(targetBytes);
      expect(bytes).toBeLessThan(targetBytes * 1.1);
      expect(splitChunks(pair.a).every((chunk) => realChunks.has(chunk))).toBe(true);
    }
  });

  it('edit about the requested share of words, with word, sentence and paragraph edits', () => {
    for (const editRate of [0.01, 0.1, 0.5]) {
      const pair = generatePair(pool, { targetBytes: 200 * 1024, editRate, seed: 11, group: 'generated-200k' });
      expect(pair.b).not.toBe(pair.a);
      expect(pair.editedShare).toBeGreaterThanOrEqual(editRate);
      expect(pair.editedShare).toBeLessThan(editRate * 1.3 + 0.005);
      if (editRate >= 0.1) {
        for (const kind of ['replace-words', 'insert-sentence', 'delete-sentence', 'move-paragraph'] as const)
          expect(pair.edits[kind]).toBeGreaterThan(0);
      }
    }
  });

  it('move paragraphs whole: a moved paragraph is found elsewhere in the newer text', () => {
    const pair = generatePair(pool, { targetBytes: 20 * 1024, editRate: 0.5, seed: 5, group: 'generated-20k' });
    const older = splitChunks(pair.a);
    const newer = splitChunks(pair.b);
    // Some paragraphs of the older text appear unchanged in the newer one, but at a different rank.
    const positions = older.map((chunk) => newer.indexOf(chunk)).filter((index) => index >= 0);
    const outOfOrder = positions.some((position, index) => index > 0 && position < positions[index - 1]!);
    expect(outOfOrder).toBe(true);
  });
});

describe('real pairs', () => {
  const real = loadRealPairs(samplesDir);

  it('skip identical consecutive files and label each pair with its history and dates', () => {
    expect(real.consecutive.length).toBeGreaterThan(50);
    for (const pair of real.consecutive) {
      expect(pair.a).not.toBe(pair.b);
      expect(pair.label).toMatch(/^.+\/.+ \S+ → \S+$/);
    }
  });

  it('take the largest pair from the biggest history, first against last version', () => {
    expect(real.largest).not.toBeNull();
    const largest = real.largest!;
    expect(largest.label).toContain('(first → last)');
    const biggestConsecutive = Math.max(...real.consecutive.map((pair) => Buffer.byteLength(pair.b)));
    expect(Math.max(Buffer.byteLength(largest.a), Buffer.byteLength(largest.b))).toBe(biggestConsecutive);
  });
});

describe('diff-match-patch in word mode', () => {
  it('rebuilds both texts and changes whole words only', () => {
    const a = 'We may share your personal information with third parties.';
    const b = 'We will share your personal data with third parties.';
    const diffs = dmpWordDiff(a, b);
    expect(
      diffs
        .filter(([op]) => op !== 1)
        .map(([, text]) => text)
        .join(''),
    ).toBe(a);
    expect(
      diffs
        .filter(([op]) => op !== -1)
        .map(([, text]) => text)
        .join(''),
    ).toBe(b);
    expect(diffs.filter(([op]) => op === -1).map(([, text]) => text)).toEqual(['may', 'information']);
    expect(diffs.filter(([op]) => op === 1).map(([, text]) => text)).toEqual(['will', 'data']);
  });

  it('rebuilds a real pair', () => {
    const { largest } = loadRealPairs(samplesDir);
    const diffs = dmpWordDiff(largest!.a, largest!.b);
    expect(
      diffs
        .filter(([op]) => op !== 1)
        .map(([, text]) => text)
        .join(''),
    ).toBe(largest!.a);
    expect(
      diffs
        .filter(([op]) => op !== -1)
        .map(([, text]) => text)
        .join(''),
    ).toBe(largest!.b);
  });
});

describe('checkReconstruction', () => {
  const pair = generatePair(pool, { targetBytes: 20 * 1024, editRate: 0.1, seed: 2, group: 'generated-20k' });
  const older = markdownBlocks(pair.a);
  const newer = markdownBlocks(pair.b);

  it('accepts our diff of a generated pair', () => {
    const check = checkReconstruction(diffBlocks(older, newer), older, newer);
    expect(check).toEqual({ newer: true, older: true, problem: null });
  });

  it('names the block where a damaged diff no longer gives the newer text', () => {
    const diff = diffBlocks(older, newer);
    const index = diff.blocks.findIndex((block) => block.change === 'equal');
    const damaged = diff.blocks.map((block, at) =>
      at === index ? { ...block, spans: [{ op: 'equal' as const, text: 'something else' }] } : block,
    );
    const check = checkReconstruction({ blocks: damaged }, older, newer);
    expect(check.newer).toBe(false);
    expect(check.problem).toMatch(/^newer block \d+ of \d+ .*"something else"/);
  });
});

/** A measurement with the given run outcomes per tool (ours fixed unless given). */
function measurement(group: PairGroup, label: string, runs: Partial<Record<ToolName, RunOutcome[]>>): PairMeasurement {
  const ok = (ms: number): RunOutcome[] => [{ kind: 'ok', ms }];
  return {
    group,
    label,
    bytesA: 60_000,
    bytesB: 64_000,
    blocksA: 100,
    blocksB: 110,
    runs: { ours: ok(10), oursParse: ok(20), jsdiff: ok(200), dmp: ok(50), git: ok(5), ...runs },
    correct: true,
    olderCorrect: true,
    problem: null,
    coarse: false,
    changeRatio: 0.1,
    editedShare: null,
  };
}

describe('summaries and targets', () => {
  it('count a killed run as its budget, and mark it as a lower bound', () => {
    expect(pairTime([{ kind: 'killed', budgetMs: 20_000 }])).toEqual({ ms: 20_000, atLeast: true });
    expect(
      pairTime([
        { kind: 'ok', ms: 3 },
        { kind: 'ok', ms: 1 },
        { kind: 'ok', ms: 8 },
      ]),
    ).toEqual({ ms: 3, atLeast: false });
    expect(pairTime([{ kind: 'unavailable', reason: 'git not found' }])).toBeNull();
    expect(
      medianStat([
        { ms: 1, atLeast: false },
        { ms: 20_000, atLeast: true },
        { ms: 20_000, atLeast: true },
      ]),
    ).toEqual({
      ms: 20_000,
      atLeast: true,
    });
  });

  it('take per-group medians over pairs and ratios to ours', () => {
    const groups = summarizeGroups([
      measurement('real', 'p1', { ours: [{ kind: 'ok', ms: 2 }], jsdiff: [{ kind: 'ok', ms: 20 }] }),
      measurement('real', 'p2', { ours: [{ kind: 'ok', ms: 4 }], jsdiff: [{ kind: 'ok', ms: 40 }] }),
      measurement('real', 'p3', { ours: [{ kind: 'ok', ms: 6 }], jsdiff: [{ kind: 'ok', ms: 600 }] }),
    ]);
    expect(groups).toHaveLength(1);
    const jsdiff = groups[0]!.tools.find((tool) => tool.tool === 'jsdiff')!;
    expect(jsdiff.median).toEqual({ ms: 40, atLeast: false });
    expect(jsdiff.worst).toEqual({ ms: 600, atLeast: false });
    expect(jsdiff.ratio).toEqual({ ms: 10, atLeast: false });
  });

  it('pass or fail each target from the measurements', () => {
    const pairs = [
      measurement('real', 'small', {}),
      measurement('real-largest', 'Claude.ai first → last', { ours: [{ kind: 'ok', ms: 40 }] }),
      measurement('generated-200k', '200 KB, 50 % edits', {
        ours: [{ kind: 'ok', ms: 1500 }],
        jsdiff: [{ kind: 'killed', budgetMs: 20_000 }],
      }),
    ];
    const targets = checkTargets(pairs, summarizeGroups(pairs));
    expect(targets.map((target) => target.status)).toEqual(['PASS', 'FAIL', 'PASS', 'FAIL']);
    expect(targets[0]!.detail).toContain('Claude.ai first → last');
    expect(targets[1]!.detail).toContain('1.50 s: 200 KB, 50 % edits');
    // jsdiff killed at 20 s vs ours 1.5 s: at least 13×; vs 40 ms on the real pair: 5×.
    expect(targets[2]!.detail).toMatch(/ 5\.0×: Claude\.ai first → last$/);
  });

  it('report targets as not applicable when git is missing', () => {
    const gitMissing: RunOutcome[] = [{ kind: 'unavailable', reason: 'git not found' }];
    const pairs = [measurement('real', 'small', { git: gitMissing })];
    const targets = checkTargets(pairs, summarizeGroups(pairs));
    expect(targets[3]).toMatchObject({ status: 'N/A', detail: 'git not available' });
  });
});

describe('table formatting', () => {
  it('formats times and ratios for reading, lower bounds as killed', () => {
    expect(formatMs({ ms: 0.4234, atLeast: false })).toBe('0.42 ms');
    expect(formatMs({ ms: 12.34, atLeast: false })).toBe('12.3 ms');
    expect(formatMs({ ms: 245.4, atLeast: false })).toBe('245 ms');
    expect(formatMs({ ms: 1234, atLeast: false })).toBe('1.23 s');
    expect(formatMs({ ms: 20_000, atLeast: true })).toBe('> 20 s (killed)');
    expect(formatMs(null)).toBe('n/a');
    expect(formatRatio({ ms: 2000, atLeast: true })).toBe('≥ 2000×');
    expect(formatRatio({ ms: 0.42, atLeast: false })).toBe('0.4×');
  });

  it('aligns columns: text on the left, numbers on the right', () => {
    const table = formatColumns(
      ['NAME', 'TIME'],
      [
        ['a', '1 ms'],
        ['longer name', '1.23 s'],
      ],
      1,
    );
    expect(table.split('\n')).toEqual(['NAME           TIME', 'a              1 ms', 'longer name  1.23 s']);
  });

  it('shows each group with every tool, killed runs, missing git and our correctness', () => {
    const pairs = [
      measurement('generated-200k', '200 KB, 50 % edits', {
        jsdiff: [{ kind: 'killed', budgetMs: 20_000 }],
        git: [{ kind: 'unavailable', reason: 'git not found' }],
      }),
    ];
    const groups = summarizeGroups(pairs);
    const lines = formatGroupTable(groups).split('\n');
    expect(lines).toHaveLength(6);
    expect(lines[1]).toMatch(/^generated 200 KB\s+ours \(diffBlocks\)\s+1\s+63\s+10\.0 ms\s+10\.0 ms\s+1×\s+1\/1\s+0$/);
    expect(lines.find((line) => line.includes('jsdiff'))).toMatch(
      /> 20 s \(killed\)\s+> 20 s \(killed\)\s+≥ 2000×\s+1$/,
    );
    expect(lines.find((line) => line.includes('git'))).toMatch(/n\/a\s+n\/a\s+n\/a$/);

    const pairTable = formatPairTable(pairs).split('\n');
    expect(pairTable[1]).toMatch(
      /^200 KB, 50 % edits\s+59 → 63\s+10\.0 ms\s+20\.0 ms\s+> 20 s \(killed\)\s+50\.0 ms\s+n\/a\s+yes$/,
    );
    expect(formatTargets(checkTargets(pairs, groups))).toContain(
      '  PASS  no pair over 1 s: slowest of 1 pairs 10.0 ms',
    );
  });

  it('lists pairs our diff got wrong, with the reason, and warns when the machine was busy', () => {
    const wrong = {
      ...measurement('real', 'Grok/Privacy Policy a → b', {}),
      correct: false,
      problem: 'newer block 3 of 9 (rebuilt 9): expected "x", got "y"',
    };
    const pairs = [measurement('real', 'fine', {}), wrong];
    const groups = summarizeGroups(pairs);
    const report = formatDiffReport({
      budgetMs: 20_000,
      runs: 3,
      seed: 1,
      git: 'git version 2.39.5',
      load: { start: 6.4, end: 5.1, cpus: 2 },
      pairs,
      groups,
      targets: checkTargets(pairs, groups),
    });
    expect(report).toContain('1/2');
    expect(report).toContain('NOT CORRECT on 1 pairs:\n  Grok/Privacy Policy a → b: newer block 3 of 9');
    expect(report).toContain('The machine was busy');
    const quiet = formatDiffReport({
      budgetMs: 20_000,
      runs: 3,
      seed: 1,
      git: 'git version 2.39.5',
      load: { start: 0.5, end: 0.7, cpus: 2 },
      pairs: [pairs[0]!],
      groups: summarizeGroups([pairs[0]!]),
      targets: [],
    });
    expect(quiet).not.toContain('NOT CORRECT');
    expect(quiet).not.toContain('busy');
  });
});
