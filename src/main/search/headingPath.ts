/** A heading of a text, where it sits and how deep. */
export interface PlacedHeading {
  position: number;
  level: number;
  text: string;
}

/**
 * The headings enclosing the block at `position` (outermost first), given the
 * text's headings up to and including that position in order. A heading ends
 * the section of any earlier heading of the same or a deeper level; a heading
 * block's own path holds only its ancestors.
 */
export function headingPath(headings: readonly PlacedHeading[], position: number): string[] {
  const open: PlacedHeading[] = [];
  for (const heading of headings) {
    if (heading.position > position) break;
    while (open.length > 0 && open.at(-1)!.level >= heading.level) open.pop();
    if (heading.position === position) break;
    open.push(heading);
  }
  return open.map((heading) => heading.text);
}
