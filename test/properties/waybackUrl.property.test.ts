import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { captureTimeFromInput } from '../../src/main/extract/captureTime';
import { parseWaybackUrl, waybackTimestampToIso } from '../../src/main/extract/waybackUrl';
import { runs } from './propertyRuns';

// Wayback URLs and capture times come from archived pages, file names and
// headers written by others: whatever they hold, the importer must get the
// snapshot's date and address right or refuse the value — never crash, and
// never store a capture time that is not a fixed-width ISO 8601 UTC string.

const CAPTURE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
// eslint-disable-next-line no-control-regex -- control characters are what is looked for.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

const hostArb = fc.constantFrom('web.archive.org', 'www.archive.org', 'wayback.archive.org', 'archive.org');
const timestampArb = fc.stringMatching(/^\d{4,14}$/);
const flagArb = fc.constantFrom('', 'id_', 'if_', 'im_', 'js_', 'cs_', 'oe_', 'ID_', 'If_');
const originalArb = fc.webUrl({ withQueryParameters: true, withFragments: true });
const percentPiece = fc.oneof(
  fc.constantFrom('%2F', '//', 'x', '.', '%3A', '%0A', '%0D', '%00', '%09', '%7F', '%C2%85', '%E0%A4', '%', '%Z'),
  fc.integer({ min: 0, max: 255 }).map((byte) => `%${byte.toString(16).padStart(2, '0').toUpperCase()}`),
);
/** Text around and inside Wayback-looking URLs: the prefix makes arbitrary tails reach the deeper code. */
const hostileUrlArb = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 120 }),
  fc
    .tuple(
      fc.constantFrom('https://web.archive.org/web/', 'http://archive.org/web/', 'https://web.archive.org/web/2020'),
      fc.string({ unit: 'binary', maxLength: 80 }),
    )
    .map(([prefix, tail]) => prefix + tail),
  // Whole-URL percent-encoding with escapes of every kind, including control characters and broken UTF-8.
  fc
    .tuple(timestampArb, flagArb, fc.array(percentPiece, { maxLength: 12 }))
    .map(([stamp, flag, tail]) => `https://web.archive.org/web/${stamp}${flag}/http%3A${tail.join('')}`),
);

describe('parseWaybackUrl', () => {
  it('gives back the timestamp, flag and original URL of any well-formed Wayback URL', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('http', 'https', 'HTTPS'),
        hostArb,
        timestampArb,
        flagArb,
        originalArb,
        (scheme, host, timestamp, flag, original) => {
          const parsed = parseWaybackUrl(`${scheme}://${host}/web/${timestamp}${flag}/${original}`);
          expect(parsed).toEqual({ timestamp, flag: flag.toLowerCase(), originalUrl: original });
        },
      ),
      runs(300),
    );
  });

  it('decodes an original URL that was percent-encoded as a whole (the Princeton form)', () => {
    fc.assert(
      fc.property(timestampArb, flagArb, originalArb, (timestamp, flag, original) => {
        const encoded = encodeURIComponent(original);
        const parsed = parseWaybackUrl(`https://web.archive.org/web/${timestamp}${flag}/${encoded}`);
        expect(parsed?.originalUrl).toBe(original);
      }),
      runs(300),
    );
  });

  it('never throws on arbitrary text; what it accepts has the documented shape and stays on one line', () => {
    fc.assert(
      fc.property(hostileUrlArb, (url) => {
        const parsed = parseWaybackUrl(url);
        if (parsed === null) return;
        expect(parsed.timestamp).toMatch(/^\d{1,14}$/);
        expect(parsed.flag).toMatch(/^(?:[a-z]{2}_)?$/);
        expect(parsed.originalUrl.length).toBeGreaterThan(0);
        // Percent-decoding must not smuggle in line breaks or NULs the URL did not contain as such.
        if (!CONTROL.test(url)) expect(parsed.originalUrl).not.toMatch(CONTROL);
      }),
      runs(1000),
    );
  });
});

/** Date-time parts, each ranging a little past its legal values (month 13, hour 24, second 60…). */
const partsArb = fc.record({
  year: fc.integer({ min: 0, max: 9999 }),
  month: fc.integer({ min: 0, max: 13 }),
  day: fc.integer({ min: 0, max: 32 }),
  hour: fc.integer({ min: 0, max: 25 }),
  minute: fc.integer({ min: 0, max: 61 }),
  second: fc.integer({ min: 0, max: 61 }),
});
type Parts = typeof partsArb extends fc.Arbitrary<infer T> ? T : never;

/** Whether the parts name a real instant, decided by Date itself (an oracle independent of captureTime.ts). */
function isRealDateTime(p: Parts): boolean {
  if (p.hour > 23 || p.minute > 59 || p.second > 59) return false;
  const date = new Date(Date.UTC(2000, p.month - 1, p.day, p.hour, p.minute, p.second));
  date.setUTCFullYear(p.year);
  return date.getUTCFullYear() === p.year && date.getUTCMonth() === p.month - 1 && date.getUTCDate() === p.day;
}

const isoOf = (p: Parts): string =>
  `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}Z`;
const stampOf = (p: Parts): string =>
  `${pad(p.year, 4)}${pad(p.month)}${pad(p.day)}${pad(p.hour)}${pad(p.minute)}${pad(p.second)}`;

describe('waybackTimestampToIso', () => {
  it('accepts exactly the real dates and times, rejecting absurd ones (month 13, Feb 30, 24:00, :60) rather than clamping', () => {
    fc.assert(
      fc.property(partsArb, (parts) => {
        const iso = waybackTimestampToIso(stampOf(parts));
        expect(iso).toBe(isRealDateTime(parts) ? isoOf(parts) : null);
      }),
      runs(1500),
    );
  });

  it('never throws; anything it returns is a capture time that reads back as the same 14 digits', () => {
    fc.assert(
      fc.property(fc.oneof(fc.stringMatching(/^\d{14}$/), fc.string({ maxLength: 20 })), (timestamp) => {
        const iso = waybackTimestampToIso(timestamp);
        if (iso === null) return;
        expect(iso).toMatch(CAPTURE_TIME);
        expect(iso.replace(/[-T:Z]/g, '')).toBe(timestamp);
      }),
      runs(1000),
    );
  });

  it('agrees with the date a user would type for the same instant', () => {
    fc.assert(
      fc.property(partsArb, (parts) => {
        expect(waybackTimestampToIso(stampOf(parts))).toBe(captureTimeFromInput(isoOf(parts)));
      }),
      runs(500),
    );
  });
});

describe('captureTimeFromInput', () => {
  const zoneArb = fc.oneof(
    fc.constant('Z'),
    fc
      .tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.boolean())
      .map(([sign, hours, minutes, colon]) => `${sign}${pad(hours)}${colon ? ':' : ''}${pad(minutes)}`),
  );
  // Years at both ends, where a zone offset can carry the instant out of four digits.
  const edgePartsArb = partsArb.chain((parts) =>
    fc.constantFrom(parts, { ...parts, year: 0, month: 1, day: 1 }, { ...parts, year: 9999, month: 12, day: 31 }),
  );

  it('never throws on arbitrary input; what it accepts is a fixed-width UTC capture time, and canonical', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 40 }),
          fc.tuple(partsArb, fc.string({ maxLength: 8 })).map(([parts, zone]) => isoOf(parts).slice(0, -1) + zone),
        ),
        (input) => {
          const time = captureTimeFromInput(input);
          if (time === null) return;
          expect(time).toMatch(CAPTURE_TIME);
          expect(captureTimeFromInput(time)).toBe(time);
        },
      ),
      runs(1500),
    );
  });

  it('converts any zone offset to the UTC instant Date.parse reads, or refuses what leaves years 0000–9999', () => {
    fc.assert(
      fc.property(edgePartsArb, zoneArb, fc.boolean(), (parts, zone, spaceSeparator) => {
        const typed = `${isoOf(parts).slice(0, -1)}${zone}`;
        const input = spaceSeparator ? typed.replace('T', ' ') : typed;
        const time = captureTimeFromInput(input);
        if (!isRealDateTime(parts)) {
          expect(time).toBeNull();
          return;
        }
        const instant = new Date(Date.parse(typed));
        const year = instant.getUTCFullYear();
        if (year < 0 || year > 9999) {
          expect(time).toBeNull();
          return;
        }
        expect(time).toBe(instant.toISOString().replace(/\.\d{3}Z$/, 'Z'));
      }),
      runs(1500),
    );
  });

  it('refuses zone offsets that are no zone (+24:00, +05:60, +99:99)', () => {
    fc.assert(
      fc.property(
        partsArb.filter(isRealDateTime),
        fc.oneof(
          fc.tuple(fc.integer({ min: 24, max: 99 }), fc.integer({ min: 0, max: 99 })),
          fc.tuple(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 60, max: 99 })),
        ),
        fc.constantFrom('+', '-'),
        (parts, [hours, minutes], sign) => {
          expect(captureTimeFromInput(`${isoOf(parts).slice(0, -1)}${sign}${pad(hours)}:${pad(minutes)}`)).toBeNull();
        },
      ),
      runs(300),
    );
  });
});
