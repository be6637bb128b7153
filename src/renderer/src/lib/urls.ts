/**
 * True for http(s) URLs only. URLs in the archive come from hostile pages; a
 * `javascript:` or `file:` URL must never become a clickable link.
 */
export function isWebUrl(value: string | null | undefined): value is string {
  if (!value) return false;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
