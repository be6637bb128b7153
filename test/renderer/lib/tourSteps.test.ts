import { describe, expect, it } from 'vitest';
import { TOUR_STEPS, tourText } from '../../../src/renderer/src/lib/tourSteps';

describe('first-launch tips', () => {
  it('walk through the window in order: library, timeline and diff, search and Go to, trends', () => {
    expect(TOUR_STEPS.map((step) => step.target)).toEqual(['library', 'timeline', 'search', 'trends']);
    expect(TOUR_STEPS.length).toBeLessThanOrEqual(4);
  });

  it("name the platform's shortcut keys", () => {
    const search = TOUR_STEPS.find((step) => step.target === 'search')!;
    expect(tourText(search, false)).toContain('Ctrl+F');
    expect(tourText(search, false)).toContain('Ctrl+K');
    expect(tourText(search, true)).toContain('⌘K');
    expect(tourText(search, true)).not.toContain('{mod}');
  });
});
