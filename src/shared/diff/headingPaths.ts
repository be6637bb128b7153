import type { Block } from '../domain';

/**
 * The heading path of every block: the texts of the headings whose sections
 * hold it, outermost first. A heading's own path is that of its parent
 * section (it does not contain itself).
 */
export function headingPaths(blocks: readonly Block[]): string[][] {
  const stack: Array<{ level: number; text: string }> = [];
  return blocks.map((block) => {
    if (block.kind !== 'heading') return stack.map((heading) => heading.text);
    while (stack.length > 0 && stack[stack.length - 1]!.level >= block.level) stack.pop();
    const path = stack.map((heading) => heading.text);
    stack.push({ level: block.level, text: block.text });
    return path;
  });
}
