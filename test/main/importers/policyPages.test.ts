import { describe, expect, it } from 'vitest';
import { looksLikePolicyPage, policyKeywordOf } from '../../../src/main/importers/policyPages';

describe('looksLikePolicyPage', () => {
  it.each([
    'https://example.com/privacy',
    'https://example.com/privacy-policy/',
    'https://example.com/PrivacyPolicy.aspx',
    'https://example.com/legal/terms-of-service',
    'https://example.com/tos.html',
    'https://example.com/terms',
    'https://example.com/cookie-policy',
    'https://example.com/legal',
    'https://example.com/gdpr',
    'https://example.com/ccpa-notice',
    'https://example.com/data-protection',
    'https://example.de/datenschutz',
    'https://example.de/datenschutzerklaerung.html',
    'https://example.de/agb',
    'https://example.de/nutzungsbedingungen',
    'https://example.fr/politique-de-confidentialit%C3%A9',
    'https://example.fr/confidentialite',
    'https://example.fr/mentions-legales',
    'https://example.fr/cgu',
    'https://example.es/politica-de-privacidad',
    'https://example.es/aviso-legal',
    'https://example.com.br/politica-de-privacidade',
    'https://example.it/informativa-privacy',
    'https://example.nl/privacybeleid',
    'https://example.pl/polityka-prywatnosci',
    'https://example.com/index.php?page=privacy',
    'https://privacy.example.com/',
    'https://policies.example.com/',
    'https://example.jp/%E3%83%97%E3%83%A9%E3%82%A4%E3%83%90%E3%82%B7%E3%83%BC',
  ])('recognises %s by its URL', (url) => {
    expect(looksLikePolicyPage({ url })).toBe(true);
  });

  it.each([
    ['Privacy Notice', 'privacy'],
    ['Terms & Conditions – Shop', 'terms'],
    ['Datenschutzerklärung', 'datenschutz'],
    ['Politique de confidentialité', 'confidentialit'],
    ['Política de privacidad', 'privacidad'],
    ['Condiciones de uso', 'condiciones'],
    ['Allgemeine Geschäftsbedingungen', 'geschaftsbedingung'],
    ['Пользовательское соглашение', 'соглашени'],
  ])('recognises a neutral URL titled %j', (title, keyword) => {
    expect(policyKeywordOf({ url: 'https://example.com/page?id=12', title })).toBe(keyword);
  });

  it('recognises Japanese and Chinese titles written without spaces', () => {
    expect(looksLikePolicyPage({ url: 'https://example.jp/p/1', title: '個人情報保護方針' })).toBe(true);
    expect(looksLikePolicyPage({ url: 'https://example.jp/p/2', title: 'プライバシーポリシー' })).toBe(true);
    expect(looksLikePolicyPage({ url: 'https://example.cn/p/3', title: '隐私政策' })).toBe(true);
  });

  it.each([
    ['https://example.com/', 'Welcome'],
    ['https://example.com/about', 'About us'],
    ['https://example.com/products/terminal-emulator', 'Terminal emulator'],
    ['https://example.com/blog/2020/05/launch', 'We launched'],
    ['https://privacyinternational.org/news/latest', 'Latest news'],
    ['https://example.com/impressum', 'Impressum'],
    ['https://example.com/contact', null],
  ])('passes over %s (%s)', (url, title) => {
    expect(looksLikePolicyPage({ url, title })).toBe(false);
  });
});
