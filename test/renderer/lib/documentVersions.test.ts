import { describe, expect, it } from 'vitest';
import type { DocumentTimeline } from '../../../src/shared/domain';
import { REFERENCE_EVENTS } from '../../../src/shared/referenceEvents';
import { eventsSpanned, seenText, versionPosition } from '../../../src/renderer/src/lib/documentVersions';
import { version } from './builders';

const timeline: DocumentTimeline = {
  document: { id: 7, vendorId: 1, key: 'privacy', title: 'Privacy Policy', snapshotCount: 40 },
  versions: [
    version(1, ['2015-05-04T13:36:12Z'], null),
    version(2, ['2016-05-09T14:50:01Z', '2017-02-11T20:13:43Z'], 0.2),
    version(3, ['2020-01-01T08:00:00Z', '2021-03-01T00:00:00Z'], 0.3),
  ],
};

describe('versionPosition', () => {
  it('finds the version of any capture in its run, with the versions either side', () => {
    const position = versionPosition([timeline], 201);
    expect(position?.version.number).toBe(2);
    expect(position?.previous?.number).toBe(1);
    expect(position?.next?.number).toBe(3);
    expect(versionPosition([timeline], 100)?.previous).toBeNull();
    expect(versionPosition([timeline], 999)).toBeNull();
  });
});

describe('eventsSpanned', () => {
  it('lists the events with a version first seen before and one on or after them', () => {
    // CCPA took effect 2020-01-01, the day version 3 was first seen: it counts as after.
    expect(eventsSpanned(timeline.versions, REFERENCE_EVENTS).map((event) => event.id)).toEqual(['gdpr', 'ccpa']);
    expect(eventsSpanned(timeline.versions.slice(0, 2), REFERENCE_EVENTS)).toEqual([]);
  });
});

describe('seenText', () => {
  it('says how long a version stayed and how often it was captured', () => {
    expect(seenText(timeline.versions[0]!)).toBe('seen 2015-05-04');
    expect(seenText(timeline.versions[1]!)).toBe('seen from 2016-05-09 to 2017-02-11 · 2 captures');
  });
});
