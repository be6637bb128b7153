import type { SearchFilters } from '../../../shared/searchDomain';

/**
 * The search filters as the panel edits them, and what a request sends: only
 * the filters that restrict something (no empty lists, blank dates or false
 * flags), so an untouched panel sends no filters at all.
 */
export function cleanFilters(filters: SearchFilters): SearchFilters {
  const clean: SearchFilters = {};
  if (filters.vendorIds && filters.vendorIds.length > 0) clean.vendorIds = [...filters.vendorIds];
  if (filters.documentKeys && filters.documentKeys.length > 0) clean.documentKeys = [...filters.documentKeys];
  const from = filters.capturedFrom?.trim();
  const to = filters.capturedTo?.trim();
  if (from) clean.capturedFrom = from;
  if (to) clean.capturedTo = to;
  // The panel offers one or the other; should both arrive, "in force on a date" is the narrower question.
  const inForce = filters.inForceOn?.trim();
  if (inForce) clean.inForceOn = inForce;
  else if (filters.latestOnly) clean.latestOnly = true;
  return clean;
}

/** How many filters restrict the search (a vendor list counts once). */
export function activeFilterCount(filters: SearchFilters): number {
  return Object.keys(cleanFilters(filters)).length;
}

/** Which versions a search looks at: every one, each document's newest, or the ones in force on a date. */
export type VersionScope = 'all' | 'latest' | 'in-force';

export function versionScopeOf(filters: SearchFilters): VersionScope {
  if (filters.inForceOn !== undefined) return 'in-force';
  return filters.latestOnly ? 'latest' : 'all';
}

/**
 * Choose the version scope; "latest only" and "in force on" exclude each
 * other. `date` is the in-force date to use (the one already chosen wins).
 */
export function withVersionScope(filters: SearchFilters, scope: VersionScope, date: string): SearchFilters {
  const { latestOnly: _latest, inForceOn: _inForce, ...rest } = filters;
  if (scope === 'latest') return { ...rest, latestOnly: true };
  if (scope === 'in-force') return { ...rest, inForceOn: filters.inForceOn ?? date };
  return rest;
}

/** Add or remove one id from a list filter, keeping the list's order. */
export function toggled<T>(list: readonly T[] | undefined, value: T, on: boolean): T[] {
  const current = list ?? [];
  if (on) return current.includes(value) ? [...current] : [...current, value];
  return current.filter((entry) => entry !== value);
}

/** One active filter, as a removable chip. */
export interface FilterChip {
  /** Stable id: `vendor:12`, `type:privacy-policy`, `from`, `to`, `latest`, `in-force`. */
  id: string;
  label: string;
}

/** Names for the ids the filters hold. */
export interface FilterNames {
  vendorName(id: number): string | undefined;
  typeTitle(key: string): string | undefined;
}

/** The active filters as chips, in the order the panel shows them. */
export function filterChips(filters: SearchFilters, names: FilterNames): FilterChip[] {
  const clean = cleanFilters(filters);
  const chips: FilterChip[] = [];
  for (const id of clean.vendorIds ?? []) {
    chips.push({ id: `vendor:${id}`, label: names.vendorName(id) ?? `Vendor ${id}` });
  }
  for (const key of clean.documentKeys ?? []) {
    chips.push({ id: `type:${key}`, label: names.typeTitle(key) ?? key });
  }
  if (clean.capturedFrom && clean.capturedTo) {
    chips.push({ id: 'from', label: `Captured from ${clean.capturedFrom}` });
    chips.push({ id: 'to', label: `Captured to ${clean.capturedTo}` });
  } else if (clean.capturedFrom) {
    chips.push({ id: 'from', label: `Captured from ${clean.capturedFrom}` });
  } else if (clean.capturedTo) {
    chips.push({ id: 'to', label: `Captured to ${clean.capturedTo}` });
  }
  if (clean.latestOnly) chips.push({ id: 'latest', label: 'Latest version only' });
  if (clean.inForceOn) chips.push({ id: 'in-force', label: `In force on ${clean.inForceOn}` });
  return chips;
}

/** The filters without the one a chip stands for. */
export function withoutChip(filters: SearchFilters, chipId: string): SearchFilters {
  const next: SearchFilters = { ...filters };
  if (chipId.startsWith('vendor:')) {
    const id = Number(chipId.slice('vendor:'.length));
    next.vendorIds = (filters.vendorIds ?? []).filter((vendorId) => vendorId !== id);
  } else if (chipId.startsWith('type:')) {
    const key = chipId.slice('type:'.length);
    next.documentKeys = (filters.documentKeys ?? []).filter((documentKey) => documentKey !== key);
  } else if (chipId === 'from') {
    delete next.capturedFrom;
  } else if (chipId === 'to') {
    delete next.capturedTo;
  } else if (chipId === 'latest') {
    delete next.latestOnly;
  } else if (chipId === 'in-force') {
    delete next.inForceOn;
  }
  return cleanFilters(next);
}

/** Same filters, as a request would send them (order of list entries ignored). */
export function sameFilters(a: SearchFilters, b: SearchFilters): boolean {
  const key = (filters: SearchFilters): string => {
    const clean = cleanFilters(filters);
    return JSON.stringify({
      ...clean,
      vendorIds: clean.vendorIds ? [...clean.vendorIds].sort((x, y) => x - y) : undefined,
      documentKeys: clean.documentKeys ? [...clean.documentKeys].sort() : undefined,
    });
  };
  return key(a) === key(b);
}

/** Today in the user's calendar, `YYYY-MM-DD` (the default "in force on" date). */
export function todayIso(now: Date = new Date()): string {
  const pad = (value: number): string => String(value).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
