import { describe, expect, it } from 'vitest';
import { mergePreview } from '../../../src/renderer/src/lib/mergePreview';
import { libraryDocument, libraryVendor } from './libraryBuilders';

const target = libraryVendor('OpenAI', [libraryDocument('privacy-policy', { captures: ['2023-01-01', '2024-01-01'] })]);
const chatgpt = libraryVendor('ChatGPT', [
  libraryDocument('privacy-policy', { captures: ['2025-01-01', '2025-02-01', '2026-01-01'] }),
  libraryDocument('terms-of-use', { captures: ['2025-01-01'] }),
]);
const openaiCom = libraryVendor('openai.com', [
  libraryDocument('terms-of-use', { captures: ['2019-01-01', '2020-01-01'] }),
]);

describe('the merge preview', () => {
  it('shows nothing moving before a vendor is chosen', () => {
    const preview = mergePreview(target, []);
    expect(preview.moves).toEqual([]);
    expect(preview.capturesMoving).toBe(0);
    expect(preview.documentsAfter).toBe(1);
    expect(preview.capturesAfterAtMost).toBe(2);
  });

  it('lists each document that moves and how many captures come with it', () => {
    const preview = mergePreview(target, [chatgpt]);
    expect(
      preview.moves.map((move) => [move.document.title, move.from.displayName, move.document.snapshotCount]),
    ).toEqual([
      ['Privacy policy', 'ChatGPT', 3],
      ['Terms of use', 'ChatGPT', 1],
    ]);
    expect(preview.capturesMoving).toBe(4);
    expect(preview.capturesAfterAtMost).toBe(6);
  });

  it('joins a document to the target’s document of the same kind instead of adding a second one', () => {
    const preview = mergePreview(target, [chatgpt]);
    const [policy, terms] = preview.moves;
    expect(policy?.joins?.id).toBe(target.documents[0]!.id);
    expect(terms?.joins).toBeNull();
    expect(preview.documentsAfter).toBe(2);
  });

  it('joins documents of two merged vendors to each other when the target has none of that kind', () => {
    const preview = mergePreview(target, [chatgpt, openaiCom]);
    expect(preview.documentsAfter).toBe(2);
    const openaiTerms = preview.moves.find((move) => move.from === openaiCom);
    expect(openaiTerms?.joins?.id).toBe(chatgpt.documents[1]!.id);
  });

  it('widens the span to every merged capture', () => {
    const preview = mergePreview(target, [chatgpt, openaiCom]);
    expect(preview.firstCapturedAt).toBe('2019-01-01');
    expect(preview.lastCapturedAt).toBe('2026-01-01');
  });

  it('ignores the target itself and vendors chosen twice', () => {
    const preview = mergePreview(target, [target, chatgpt, chatgpt]);
    expect(preview.sources.map((vendor) => vendor.displayName)).toEqual(['ChatGPT']);
    expect(preview.capturesMoving).toBe(4);
  });

  it('gives the target the merged vendors’ tags it does not have yet', () => {
    const tagged = libraryVendor('OpenAI', target.documents, { tags: ['AI'] });
    const source = libraryVendor('ChatGPT', [], { tags: ['ai', 'chatbot'] });
    const other = libraryVendor('chat.openai.com', [], { tags: ['Chatbot', 'gdpr'] });
    expect(mergePreview(tagged, [source, other]).tagsAdded).toEqual(['chatbot', 'gdpr']);
  });
});
