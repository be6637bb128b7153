/**
 * Folder layouts of the tools people use to download Wayback captures. The
 * folder names carry what the saved bytes may not: the capture time and the
 * page's URL.
 *
 * - waybackpack: `DIR/<14-digit timestamp>/<host>/<path…>/<file>`, the file
 *   named after the URL's last segment (`index.html` for a URL ending in `/`);
 *   on Windows and macOS characters illegal in file names become `_`.
 * - wayback-machine-downloader: `websites/<domain>/<path>`, or with
 *   `--all-timestamps` `websites/<domain>/<14-digit timestamp>/<path>`;
 *   a URL ending in `/` or whose last segment has no dot is saved as
 *   `<path>/index.html`; on Windows `:*?&=<>\|` are saved as `%xx`.
 */
import type { CaptureHints } from './importUnit';
import { isDomain } from '../extract/vendorKey';
import { waybackTimestampToIso } from '../extract/waybackUrl';

const TIMESTAMP = /^\d{14}$/;
const INDEX_FILE = /^index\.html?$/i;
const HOST_AND_PORT = /^(.+?)(?:[:_](\d{1,5}))?$/;
/** wayback-machine-downloader escapes these as lower-case `%xx` on Windows. */
const WINDOWS_ESCAPES = /%(3a|2a|3f|26|3d|3c|3e|5c|7c)/gi;

/**
 * A host folder as the tools write it: a domain, maybe with a port
 * (`example.com:8080`, or `example.com_8080` where `:` is illegal), returned
 * as `host[:port]`; null when the folder is not a host.
 */
function hostOf(segment: string): string | null {
  const match = HOST_AND_PORT.exec(segment);
  const host = match?.[1] ?? '';
  if (!isDomain(host)) return null;
  return match?.[2] === undefined ? host : `${host}:${match[2]}`;
}

function captureTime(segment: string | undefined): string | null {
  return segment !== undefined && TIMESTAMP.test(segment) ? waybackTimestampToIso(segment) : null;
}

function url(host: string, pathSegments: string[]): string {
  const last = pathSegments[pathSegments.length - 1];
  const segments = last !== undefined && INDEX_FILE.test(last) ? [...pathSegments.slice(0, -1), ''] : pathSegments;
  return `http://${host}/${segments.join('/')}`;
}

/** `websites/<domain>/[<timestamp>/]<path>`, the innermost `websites` folder that fits. */
function machineDownloaderHints(segments: string[]): CaptureHints | null {
  for (let i = segments.length - 3; i >= 0; i--) {
    if (segments[i] !== 'websites') continue;
    const host = hostOf(segments[i + 1] ?? '');
    if (host === null) continue;
    const rest = segments.slice(i + 2);
    const capturedAt = rest.length > 1 ? captureTime(rest[0]) : null;
    const path = (capturedAt === null ? rest : rest.slice(1)).map((segment) =>
      segment.replace(WINDOWS_ESCAPES, (escape) => String.fromCharCode(parseInt(escape.slice(1), 16))),
    );
    const hints: CaptureHints = { origin: 'wayback-machine-downloader-folder', originalUrl: url(host, path) };
    if (capturedAt !== null) {
      hints.capturedAt = capturedAt;
      hints.capturedAtSource = 'folder-name';
    }
    return hints;
  }
  return null;
}

/** `<14-digit timestamp>/<host>/<path…>/<file>`, the innermost timestamp folder that fits. */
function waybackpackHints(segments: string[]): CaptureHints | null {
  for (let i = segments.length - 3; i >= 0; i--) {
    const capturedAt = captureTime(segments[i]);
    const host = capturedAt === null ? null : hostOf(segments[i + 1] ?? '');
    if (capturedAt === null || host === null) continue;
    return {
      origin: 'waybackpack-folder',
      // Characters waybackpack replaced by `_` cannot be told from real ones: left as saved.
      originalUrl: url(host, segments.slice(i + 2)),
      capturedAt,
      capturedAtSource: 'folder-name',
    };
  }
  return null;
}

/**
 * What a download tool's folder layout says about the file at `path`: origin,
 * the original URL rebuilt from the folders (scheme unknown, so `http://`;
 * `index.html` dropped for directory URLs) and, when a 14-digit timestamp
 * folder is present, the capture time (`capturedAtSource: 'folder-name'`).
 * Null when the path is in neither layout. Reads only the path, never the disk.
 */
export function downloadLayoutHints(path: string): CaptureHints | null {
  const segments = path.split(/[\\/]+/).filter((segment) => segment !== '' && segment !== '.');
  return machineDownloaderHints(segments) ?? waybackpackHints(segments);
}
