import { describe, expect, it } from 'vitest';
import type { Block } from '../../../src/shared/domain';
import { inferVendor, vendorFromUserInput } from '../../../src/main/extract/vendorInference';
import { plainTextBlocks } from '../../../src/main/extract/plainTextBlocks';
import { sampleBytes } from '../importers/samplePaths';

const paragraphs = (...texts: string[]): Block[] => texts.map((text) => ({ kind: 'paragraph', level: 0, text }));
const hubs = plainTextBlocks(sampleBytes('princeton', '002_32d78ee2d899894e.txt').toString('utf8'));
const known = [
  { key: 'formlabs.com', displayName: 'formlabs.com' },
  { key: '3dhubs.com', displayName: '3dhubs.com' },
  { key: 'ultimaker.com', displayName: 'ultimaker.com' },
];

describe('inferVendor', () => {
  it('matches a known vendor by its squashed name ("3d hubs" → 3dhubs.com)', () => {
    expect(inferVendor(hubs, known)).toMatchObject({ key: '3dhubs.com', displayName: '3dhubs.com' });
  });

  it('without known vendors, finds "3d hubs" from `“3d hubs,” "we"` and `offered by 3d hubs`', () => {
    expect(inferVendor(hubs, [])).toMatchObject({ key: '3d-hubs', displayName: '3d hubs' });
  });

  it('reads `X ("we")` and drops the company form', () => {
    const blocks = paragraphs(
      'This is the privacy statement of Ultimaker B.V. ("Ultimaker" or "we"), headquartered in Utrecht.',
      'Ultimaker processes data. Ultimaker may use personal data to improve its products.',
    );
    expect(inferVendor(blocks)).toMatchObject({ key: 'ultimaker', displayName: 'Ultimaker' });
  });

  it('prefers the domain written in the text when it names the same company', () => {
    const blocks = paragraphs(
      'Welcome to Formlabs. Formlabs Inc. (“Formlabs”, “we”) runs www.formlabs.com.',
      'Write to privacy@formlabs.com with questions about Formlabs.',
    );
    expect(inferVendor(blocks)).toMatchObject({ key: 'formlabs.com' });
  });

  it('does not read sentence punctuation ("Mistral AI.Our") or file names as domains', () => {
    const blocks = paragraphs(
      'Mistral AI.Our policy explains it. See policy.pdf and policy.pdf again.',
      'Mistral AI ("we") is the controller. Mistral AI answers questions.',
    );
    expect(inferVendor(blocks)).toMatchObject({ key: 'mistral-ai', displayName: 'Mistral AI' });
  });

  it('returns null when the text gives no hint, rather than guessing', () => {
    expect(inferVendor(paragraphs('We collect data.', 'You may ask us to delete it.'), known)).toBeNull();
  });
});

describe('vendorFromUserInput', () => {
  it('reuses a known vendor named by key or display name, case-insensitively', () => {
    expect(vendorFromUserInput('www.3DHubs.com', known)).toEqual({ key: '3dhubs.com', displayName: '3dhubs.com' });
    expect(vendorFromUserInput('ChatGPT', [{ key: 'chatgpt', displayName: 'ChatGPT' }])).toEqual({
      key: 'chatgpt',
      displayName: 'ChatGPT',
    });
  });

  it('makes a new vendor from a URL, domain or name', () => {
    expect(vendorFromUserInput('https://www.example.com/privacy')).toEqual({
      key: 'example.com',
      displayName: 'https://www.example.com/privacy',
    });
    expect(vendorFromUserInput('3D Hubs')).toEqual({ key: '3d-hubs', displayName: '3D Hubs' });
    expect(vendorFromUserInput('  !!! ')).toBeNull();
  });
});
