import { describe, expect, it } from 'vitest';
import type { DocumentTimeline } from '../../../src/shared/domain';
import { changesSince, LastViewedStore, type KeyValueStorage } from '../../../src/renderer/src/lib/lastViewed';
import { version } from './builders';

function memoryStorage(): KeyValueStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return { map, getItem: (key) => map.get(key) ?? null, setItem: (key, value) => void map.set(key, value) };
}

const timeline: DocumentTimeline = {
  document: { id: 7, vendorId: 1, key: 'privacy', title: 'Privacy Policy', snapshotCount: 4 },
  versions: [
    version(1, ['2015-05-04T13:36:12Z'], null),
    version(2, ['2016-05-09T14:50:01Z', '2017-02-11T20:13:43Z'], 0.2),
    version(3, ['2018-08-13T14:21:16Z'], 0.45),
  ],
};

describe('LastViewedStore', () => {
  it('remembers per document the newest version opened, even after an older one is read', () => {
    const storage = memoryStorage();
    const store = new LastViewedStore(storage);
    store.record(7, { id: 200, capturedAt: '2016-05-09T14:50:01Z' }, new Date('2026-01-01T00:00:00Z'));
    store.record(7, { id: 100, capturedAt: '2015-05-04T13:36:12Z' });
    store.record(8, { id: 900, capturedAt: '2020-01-01T00:00:00Z' });
    expect(store.get(7)).toEqual({
      snapshotId: 200,
      capturedAt: '2016-05-09T14:50:01Z',
      viewedAt: '2026-01-01T00:00:00.000Z',
    });
    expect(store.get(8)?.snapshotId).toBe(900);
    // A new page on the same storage (the app reopened) still knows.
    expect(new LastViewedStore(storage).get(7)?.snapshotId).toBe(200);
  });

  it('forgets nothing and breaks nothing when storage is missing, full or holds junk', () => {
    expect(new LastViewedStore(null).get(7)).toBeNull();
    const storage = memoryStorage();
    storage.map.set('policyArchive.lastViewed.7', '{not json');
    expect(new LastViewedStore(storage).get(7)).toBeNull();
    const full: KeyValueStorage = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(() => new LastViewedStore(full).record(7, { id: 1, capturedAt: '2020-01-01T00:00:00Z' })).not.toThrow();
  });
});

describe('changesSince', () => {
  const seen = (snapshotId: number) => ({ snapshotId, capturedAt: '', viewedAt: '2026-01-01T00:00:00.000Z' });

  it('offers the changes from the version read to the newest when newer versions exist', () => {
    // 201 is the second capture of version 2.
    const since = changesSince(timeline, seen(201));
    expect(since?.seen.number).toBe(2);
    expect(since?.latest.number).toBe(3);
    expect(since?.newer).toBe(1);
    expect(changesSince(timeline, seen(100))?.newer).toBe(2);
  });

  it('offers nothing when the newest was read, nothing was read, or the capture is gone', () => {
    expect(changesSince(timeline, seen(300))).toBeNull();
    expect(changesSince(timeline, null)).toBeNull();
    expect(changesSince(timeline, seen(12345))).toBeNull();
  });
});
