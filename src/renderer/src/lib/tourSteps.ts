/** The part of the window a tip is about (App outlines it while the tip shows). */
export type TourTarget = 'library' | 'timeline' | 'search' | 'trends';

/** One tip of the first-launch tour. */
export interface TourStep {
  target: TourTarget;
  title: string;
  /** Plain sentences; `{mod}` becomes "Ctrl+" or "⌘". */
  text: string;
}

/** The first-launch tour over the bundled sample archive: four short tips, one per part of the window. */
export const TOUR_STEPS: readonly TourStep[] = [
  {
    target: 'library',
    title: 'The library',
    text:
      'The vendors in your archive are listed on the left, with their versions, captures and years. ' +
      'The sample archive holds real privacy policies from the Wayback Machine: choose a vendor to see its history.',
  },
  {
    target: 'timeline',
    title: 'Timeline and changes',
    text:
      'A vendor’s versions sit on a time axis (taller marks are bigger changes; lines mark GDPR, CCPA and CPRA). ' +
      'Open a version to read it, or mark two as A and B and choose Compare to see word by word what changed; ' +
      'n and p step through the changes.',
  },
  {
    target: 'search',
    title: 'Search and Go to',
    text:
      '{mod}F searches every policy at once (try a "quoted phrase", OR, -word or prefix*). ' +
      '{mod}K goes straight to a vendor, document or section by name, typos and all.',
  },
  {
    target: 'trends',
    title: 'Trends',
    text:
      'Trends ({mod}T) charts how many policies contain a phrase over the years, with their length and readability. ' +
      'Escape brings you back. The ? button ({mod}/) lists every keyboard shortcut and offers a light or dark theme.',
  },
];

/** A tip's text with the platform's modifier key. */
export function tourText(step: TourStep, mac: boolean): string {
  return step.text.replaceAll('{mod}', mac ? '⌘' : 'Ctrl+');
}

/** Where "the tour was seen" is remembered. */
export const TOUR_STORAGE_KEY = 'policyArchive.tourDone';
