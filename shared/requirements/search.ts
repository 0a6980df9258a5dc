import { foldText } from '../text/normalize';
import { LEAVES, type TypologyLeaf } from './typology';

export interface LeafMatch {
  leaf: TypologyLeaf;
  /** Whether choosing it opens a ticket: the result list tells the two apart. */
  isTicket: boolean;
}

interface Indexed {
  leaf: TypologyLeaf;
  labelWords: string[];
  pathWords: string[];
  order: number;
}

const words = (text: string) => foldText(text).split(' ').filter(Boolean);

const INDEX: Indexed[] = LEAVES.map((leaf, order) => ({
  leaf,
  labelWords: words(leaf.label),
  pathWords: words([leaf.asunto, leaf.item, leaf.subitem ?? ''].join(' ')),
  order,
}));

const hasPrefix = (candidates: string[], word: string) => candidates.some((c) => c.startsWith(word));

/**
 * Type-ahead over the typology: accents, case and punctuation are ignored, every typed word must
 * start a word of the leaf's path (Asunto, item, sub-item) in any order. Leaves whose own words
 * match come first, then the seed's order. "marcador" finds «Problemas en marcador %» (a ticket)
 * and «Marcador de % pegado» (not a ticket).
 */
export function searchLeaves(query: string, limit = 20): LeafMatch[] {
  const typed = words(query);
  if (typed.length === 0) return [];
  const scored: Array<{ entry: Indexed; score: number }> = [];
  for (const entry of INDEX) {
    if (!typed.every((word) => hasPrefix(entry.pathWords, word))) continue;
    const inLabel = typed.filter((word) => hasPrefix(entry.labelWords, word)).length;
    scored.push({ entry, score: inLabel });
  }
  scored.sort((a, b) => b.score - a.score || a.entry.order - b.entry.order);
  return scored
    .slice(0, limit)
    .map(({ entry }) => ({ leaf: entry.leaf, isTicket: entry.leaf.outcome.kind === 'ticket' }));
}
