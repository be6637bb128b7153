/** `2018-08-13T14:21:16Z` → `2018-08-13`: unambiguous in every locale, and what the sources state. */
export function dayOf(iso: string | null | undefined): string {
  return iso ? iso.slice(0, 10) : 'unknown date';
}

/** `2018-08-13T14:21:16Z` → `2018-08-13 14:21 UTC`, for tooltips and metadata. */
export function dateTimeOf(iso: string | null | undefined): string {
  if (!iso) return 'unknown';
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso);
  return match ? `${match[1]} ${match[2]} UTC` : iso;
}

/** `2015` or `2015–2018` for a vendor's capture span. */
export function yearSpan(first: string | null, last: string | null): string {
  const from = first?.slice(0, 4);
  const to = last?.slice(0, 4);
  if (!from && !to) return '';
  if (!from || !to || from === to) return from ?? to ?? '';
  return `${from}–${to}`;
}
