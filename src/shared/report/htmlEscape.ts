/**
 * Escaping for report HTML. Policy text, titles and URLs come from archived
 * web pages and can contain anything (`<script>`, `</style>`, quotes), so every
 * such string goes through `escapeHtml` and only http(s) URLs become links.
 */

/** Text safe inside an element or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ENTITIES[char]!);
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * The URL, normalized, when it is an absolute http: or https: URL; null for
 * anything else (`javascript:`, `data:`, relative or malformed URLs), which is
 * then shown as text and never becomes a live link.
 */
export function safeHttpUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return null;
  }
  return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
}

/** A link to an http(s) URL, or the URL as plain escaped text when it is anything else. */
export function linkHtml(url: string): string {
  const safe = safeHttpUrl(url);
  const text = escapeHtml(url);
  return safe ? `<a href="${escapeHtml(safe)}">${text}</a>` : `<span class="url">${text}</span>`;
}
