/**
 * Vendor identity from a domain, URL or service name: the one rule every
 * importer uses, so `www.Formlabs.com`, `https://formlabs.com/x` and
 * `formlabs.com` all land on the vendor `formlabs.com`.
 */

const URL_WITH_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
const DOMAIN = /^(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+\p{L}[\p{L}\p{N}-]*[\p{L}\p{N}]$/u;
const LEADING_WWW = /^www\d*\./;
const NOT_SLUG = /[^\p{L}\p{N}.]+/gu;

/** Whether `text` is a bare host name such as `formlabs.com` or `www.3dhubs.co.uk`. */
export function isDomain(text: string): boolean {
  return text.length <= 253 && DOMAIN.test(text);
}

/** Lower-cased host without a leading `www.`. */
export function domainKey(domain: string): string {
  return domain.trim().toLowerCase().replace(/\.$/, '').replace(LEADING_WWW, '');
}

/**
 * The vendor key for user input or a service name: a URL or domain becomes its
 * host (`formlabs.com`), anything else a lower-case slug (`Le Chat` → `le-chat`,
 * `Claude.ai` → `claude.ai`).
 */
export function vendorKeyOf(nameOrDomain: string): string {
  const trimmed = nameOrDomain.trim();
  if (URL_WITH_SCHEME.test(trimmed)) {
    try {
      const host = new URL(trimmed).hostname;
      if (host !== '') return domainKey(host);
    } catch {
      // Not a URL after all: fall through to the slug.
    }
  }
  if (isDomain(trimmed)) return domainKey(trimmed);
  return trimmed
    .normalize('NFC')
    .toLowerCase()
    .replace(NOT_SLUG, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
}
