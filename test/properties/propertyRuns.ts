/**
 * Run settings shared by the property tests in this folder: a fixed seed so a
 * failure reproduces on every machine, and modest run counts so `npm test`
 * stays fast. `FC_RUNS=<multiplier>` scales every count up for a longer hunt
 * (e.g. `FC_RUNS=50 npx vitest run test/properties`), `FC_SEED=<n>` picks
 * another seed. fast-check prints the seed and path of any counterexample.
 */
import type { Parameters } from 'fast-check';

const DEFAULT_SEED = 20_240_808;

function envNumber(name: string, fallback: number, positive: boolean): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || (positive && value <= 0)) {
    throw new Error(`${name} must be a ${positive ? 'positive ' : ''}number, got "${raw}"`);
  }
  return value;
}

/** The run-count multiplier (`FC_RUNS`, default 1). */
export const runMultiplier = envNumber('FC_RUNS', 1, true);
const seed = Math.trunc(envNumber('FC_SEED', DEFAULT_SEED, false));

/**
 * fast-check parameters for one property: `baseRuns` runs (times `FC_RUNS`)
 * from the fixed seed (or `FC_SEED`).
 */
export function runs<T>(baseRuns: number): Parameters<T> {
  return {
    seed,
    numRuns: Math.max(1, Math.round(baseRuns * runMultiplier)),
  };
}
