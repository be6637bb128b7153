import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/paths';
import { quickCrashTrialPaths, runCrashTrials } from './crashTrials';

const temp = tempDir('pae-crash-');
afterAll(() => temp.cleanup());

describe('an import killed at random points (SIGKILL) and run again', () => {
  it('leaves a sound archive holding exactly its committed transactions, and resumes to the clean result', async () => {
    // 20 trials of the quick sample set (55 sources, one per transaction); `npm run reliability` runs all samples.
    const results = await runCrashTrials({ trials: 20, seed: 8, workDir: temp.dir, paths: quickCrashTrialPaths() });

    expect(results).toHaveLength(20);
    const failed = results
      .filter((result) => !result.passed)
      .map((result) => `trial ${result.trial}: ${result.detail}`);
    expect(failed).toEqual([]);
    // The kills landed at different points: some before anything was committed, some part-way.
    const committed = new Set(results.map((result) => result.committedSources));
    expect(committed.size).toBeGreaterThan(3);
    expect(results.some((result) => !result.finishedBeforeKill && result.committedSources > 0)).toBe(true);
  }, 120_000);
});
