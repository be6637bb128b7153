/** `2018-08-13T14:21:16Z` → `2018-08-13 14:21` (UTC), for tables. */
export function formatCapturedAt(iso: string | null): string {
  if (!iso) return '—';
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso);
  return match ? `${match[1]} ${match[2]}` : iso;
}

/** A date as stated (`2018`, `2018-05`, `2018-05-25`) or a dash. */
export function formatPartialDate(value: string | null): string {
  return value ?? '—';
}

/** Milliseconds as a short duration: `850 ms`, `12.3 s`. */
export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
