/**
 * A snapshot file in the Princeton "Privacy Policies over Time" Markdown form:
 * the dataset's one-line header (domain, archive date, Wayback link with a
 * 14-digit timestamp and the percent-encoded original URL), a blank line, the text.
 */
export interface PrincetonSnapshot {
  domain: string;
  /** 14-digit Wayback timestamp, `YYYYMMDDhhmmss`. */
  timestamp: string;
  originalUrl: string;
  text: string;
}

/** `YYYY-MM-DD` of a 14-digit timestamp. */
export function archiveDate(timestamp: string): string {
  return `${timestamp.slice(0, 4)}-${timestamp.slice(4, 6)}-${timestamp.slice(6, 8)}`;
}

/** The Wayback URL the dataset links to: `id_` flag, original URL percent-encoded except for slashes. */
export function waybackUrl(timestamp: string, originalUrl: string): string {
  return `https://web.archive.org/web/${timestamp}id_/${encodeURIComponent(originalUrl).replace(/%2F/g, '/')}`;
}

export function princetonMarkdown(snapshot: PrincetonSnapshot): string {
  const header =
    `> *The following text is extracted and transformed from the ${snapshot.domain} privacy policy ` +
    `that was archived on ${archiveDate(snapshot.timestamp)}. Please check the ` +
    `[original snapshot on the Wayback Machine](${waybackUrl(snapshot.timestamp, snapshot.originalUrl)}) ` +
    'for the most accurate reproduction.*';
  return `${header}\n\n${snapshot.text.trim()}\n`;
}
