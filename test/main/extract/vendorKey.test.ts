import { describe, expect, it } from 'vitest';
import { domainKey, isDomain, vendorKeyOf } from '../../../src/main/extract/vendorKey';

describe('vendor keys', () => {
  it('lower-cases domains and drops a leading www.', () => {
    expect(domainKey('WWW.Formlabs.com')).toBe('formlabs.com');
    expect(domainKey('www2.example.co.uk.')).toBe('example.co.uk');
    expect(vendorKeyOf('https://www.protolabs.com/privacy-policy')).toBe('protolabs.com');
  });

  it('slugs service names, keeping dots', () => {
    expect(vendorKeyOf('ChatGPT')).toBe('chatgpt');
    expect(vendorKeyOf('Le Chat')).toBe('le-chat');
    expect(vendorKeyOf('Claude.ai')).toBe('claude.ai');
    expect(vendorKeyOf('  Qwen   Chat! ')).toBe('qwen-chat');
  });

  it('recognises domains, including internationalised ones', () => {
    expect(isDomain('3dhubs.com')).toBe(true);
    expect(isDomain('bücher.de')).toBe(true);
    expect(isDomain('localhost')).toBe(false);
    expect(isDomain('b.v')).toBe(false);
    expect(isDomain('not a domain.com')).toBe(false);
  });
});
