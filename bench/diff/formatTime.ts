import type { TimeStat } from './summarize';

/** `0.42 ms`, `12.3 ms`, `245 ms`, `1.23 s`; a lower bound from a killed run reads `> 20 s (killed)`. */
export function formatMs(stat: TimeStat | null): string {
  if (!stat) return 'n/a';
  if (stat.atLeast) return `> ${trimSeconds(stat.ms)} s (killed)`;
  const ms = stat.ms;
  if (ms < 10) return `${ms.toFixed(2)} ms`;
  if (ms < 100) return `${ms.toFixed(1)} ms`;
  if (ms < 1000) return `${ms.toFixed(0)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}

/** `0.5×`, `12×`, `≥ 800×` (lower bound from a killed run). */
export function formatRatio(stat: TimeStat | null): string {
  if (!stat) return 'n/a';
  const value = stat.ms < 10 ? stat.ms.toFixed(1) : stat.ms.toFixed(0);
  return `${stat.atLeast ? '≥ ' : ''}${value}×`;
}

function trimSeconds(ms: number): string {
  const seconds = ms / 1000;
  return Number.isInteger(seconds) ? String(seconds) : seconds.toFixed(1);
}
