/**
 * Markdown → blocks, using marked's lexer only (nothing is rendered to HTML).
 */
import { Lexer } from 'marked';
import type { Token, Tokens } from 'marked';
import type { Block } from '../../shared/domain';
import { addBlock } from './addBlock';
import { decodeHtmlEntities } from './htmlEntities';

const SCRIPT_OR_STYLE = /<(script|style|noscript)\b[\s\S]*?<\/\1\s*>/gi;
const TAG = /<[^>]*>/g;

/** Strip tags from raw HTML that Markdown passed through, keeping its text. */
function htmlToText(html: string): string {
  return decodeHtmlEntities(html.replace(SCRIPT_OR_STYLE, ' ').replace(TAG, ' '));
}

/** Plain text of inline tokens: links keep their text, images and inline HTML tags vanish. */
function inlineText(tokens: Token[] | undefined): string {
  if (!tokens) return '';
  let out = '';
  for (const token of tokens) {
    switch (token.type) {
      case 'escape':
        out += token.text;
        break;
      case 'codespan':
      case 'text':
        out += 'tokens' in token && token.tokens ? inlineText(token.tokens) : decodeHtmlEntities(token.text);
        break;
      case 'br':
        out += '\n';
        break;
      case 'image':
      case 'html':
      case 'checkbox':
        break;
      default:
        // strong, em, del, link and extension tokens: their children carry the text.
        if ('tokens' in token && token.tokens) out += inlineText(token.tokens);
        else if ('text' in token && typeof token.text === 'string') out += decodeHtmlEntities(token.text);
    }
  }
  return out;
}

interface WalkContext {
  inQuote: boolean;
  listDepth: number;
}

function walkListItem(item: Tokens.ListItem, blocks: Block[], context: WalkContext): void {
  const depth = context.listDepth + 1;
  let parts: string[] = [];
  const flush = () => {
    addBlock(blocks, 'list-item', depth, parts.join(' '));
    parts = [];
  };
  for (const token of item.tokens) {
    if (token.type === 'text' || token.type === 'paragraph') {
      parts.push(token.tokens ? inlineText(token.tokens) : decodeHtmlEntities(token.text));
    } else if (token.type === 'space' || token.type === 'checkbox') {
      continue;
    } else {
      // A nested list (or code, quote…) closes the item's own text first so order is kept.
      flush();
      walk([token], blocks, { ...context, listDepth: depth });
    }
  }
  flush();
}

function walk(tokens: Token[], blocks: Block[], context: WalkContext): void {
  for (const token of tokens) {
    switch (token.type) {
      case 'heading':
        if (context.inQuote) addBlock(blocks, 'quote', 0, inlineText(token.tokens));
        else addBlock(blocks, 'heading', token.depth, inlineText(token.tokens));
        break;
      case 'paragraph':
      case 'text':
        addBlock(
          blocks,
          context.inQuote ? 'quote' : 'paragraph',
          0,
          token.tokens ? inlineText(token.tokens) : decodeHtmlEntities(token.text),
        );
        break;
      case 'list':
        for (const item of (token as Tokens.List).items) walkListItem(item, blocks, context);
        break;
      case 'table': {
        const table = token as Tokens.Table;
        for (const row of [table.header, ...table.rows]) {
          const cells = row.map((cell) => inlineText(cell.tokens).trim()).filter((cell) => cell !== '');
          addBlock(blocks, 'table-row', 0, cells.join(' | '));
        }
        break;
      }
      case 'blockquote':
        walk(token.tokens ?? [], blocks, { ...context, inQuote: true });
        break;
      case 'code':
        addBlock(blocks, 'preformatted', 0, token.text);
        break;
      case 'html':
        addBlock(blocks, context.inQuote ? 'quote' : 'paragraph', 0, htmlToText(token.text));
        break;
      default:
        // space, hr, def: no text.
        break;
    }
  }
}

/**
 * Split Markdown into normalised blocks: headings (ATX and setext, with level),
 * paragraphs, list items (1-based nesting level), table rows (cells joined by
 * " | "), quotes and code. Inline markup is reduced to its plain text.
 */
export function markdownBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  walk(Lexer.lex(markdown, { gfm: true }), blocks, { inQuote: false, listDepth: 0 });
  return blocks;
}
