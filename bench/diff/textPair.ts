/** The pair groups the diff benchmark summarises separately. */
export type PairGroup = 'real' | 'real-largest' | 'generated-20k' | 'generated-200k';

/** Human names of the groups, in the order the tables list them. */
export const GROUP_LABELS: Record<PairGroup, string> = {
  real: 'real, consecutive',
  'real-largest': 'real, largest',
  'generated-20k': 'generated 20 KB',
  'generated-200k': 'generated 200 KB',
};

export const GROUP_ORDER: readonly PairGroup[] = ['real', 'real-largest', 'generated-20k', 'generated-200k'];

/** Two versions of one policy as Markdown text: `a` older, `b` newer. */
export interface TextPair {
  group: PairGroup;
  /** Where the pair comes from: `Claude.ai/Privacy Policy 2025-11-11T15-22-48Z → 2025-11-12T00-34-21Z`, `20 KB, 10 % edits`. */
  label: string;
  a: string;
  b: string;
}

/** UTF-8 size of the larger side, the size a pair is filed under. */
export function pairBytes(pair: TextPair): number {
  return Math.max(Buffer.byteLength(pair.a), Buffer.byteLength(pair.b));
}
