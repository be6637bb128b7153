import type { ReferenceEvent } from './domain';

/**
 * Dates that changed what privacy policies say, drawn on every timeline.
 * "What changed across this event?" diffs the last version before the date
 * with the first version on or after it.
 */
export const REFERENCE_EVENTS: readonly ReferenceEvent[] = [
  {
    id: 'gdpr',
    label: 'GDPR',
    date: '2018-05-25',
    description: 'The EU General Data Protection Regulation applies.',
  },
  {
    id: 'ccpa',
    label: 'CCPA',
    date: '2020-01-01',
    description: 'The California Consumer Privacy Act takes effect.',
  },
  {
    id: 'cpra',
    label: 'CPRA',
    date: '2023-01-01',
    description: 'The California Privacy Rights Act takes effect.',
  },
];

export function referenceEvent(id: string): ReferenceEvent | undefined {
  return REFERENCE_EVENTS.find((event) => event.id === id);
}
