/**
 * A SentencePiece unigram tokenizer for USE-Lite's vocabulary (`vocab.json`: [piece, logProb]
 * pairs, the row number being the token id). Written after the Apache-2.0 tokenizer in
 * tensorflow/tfjs-models (universal-sentence-encoder): pieces live in a trie, words carry a
 * leading "▁", and the segmentation with the highest summed log probability wins (Viterbi).
 */
export type Vocabulary = ReadonlyArray<readonly [string, number]>;

/** SentencePiece's word-boundary mark, standing in for every space. */
const WORD_MARK = '\u2581';
/** Ids 0-5 are unk, <s>, </s> and three extra control ids: never produced from text. */
const RESERVED_IDS = 6;
export const UNKNOWN_ID = 0;
/** SentencePiece scores an unknown symbol 10 below the least likely piece. */
const UNKNOWN_PENALTY = 10;

interface TrieNode {
  children: Map<string, TrieNode>;
  /** Token id when a piece ends here, else -1. */
  id: number;
  score: number;
}

const newNode = (): TrieNode => ({ children: new Map(), id: -1, score: 0 });

export class SentencePieceTokenizer {
  private readonly root = newNode();
  private readonly unknownScore: number;

  constructor(vocabulary: Vocabulary) {
    let minScore = 0;
    for (let id = RESERVED_IDS; id < vocabulary.length; id++) {
      const [piece, score] = vocabulary[id];
      let node = this.root;
      for (const symbol of piece) {
        let next = node.children.get(symbol);
        if (!next) {
          next = newNode();
          node.children.set(symbol, next);
        }
        node = next;
      }
      node.id = id;
      node.score = score;
      minScore = Math.min(minScore, score);
    }
    this.unknownScore = minScore - UNKNOWN_PENALTY;
  }

  /**
   * Token ids of `text`. Whitespace runs collapse to one space and the text is NFKC-normalised,
   * as SentencePiece's own normaliser does; an empty text gives no tokens.
   */
  encode(text: string): number[] {
    const normalized = text.normalize('NFKC').replace(/\s+/gu, ' ').trim();
    if (normalized.length === 0) return [];
    const symbols = Array.from(WORD_MARK + normalized.replaceAll(' ', WORD_MARK));
    const n = symbols.length;
    // best[i]: score of the best segmentation of symbols[0, i); from[i]/idAt[i]: its last piece.
    const best = new Float64Array(n + 1).fill(-Infinity);
    const from = new Int32Array(n + 1);
    const idAt = new Int32Array(n + 1);
    best[0] = 0;
    for (let start = 0; start < n; start++) {
      if (best[start] === -Infinity) continue;
      let node: TrieNode | undefined = this.root;
      let hasSingleSymbolPiece = false;
      for (let end = start; end < n && node; end++) {
        node = node.children.get(symbols[end]);
        if (!node || node.id < 0) continue;
        if (end === start) hasSingleSymbolPiece = true;
        const score = best[start] + node.score;
        if (score >= best[end + 1]) {
          best[end + 1] = score;
          from[end + 1] = start;
          idAt[end + 1] = node.id;
        }
      }
      // A symbol the vocabulary lacks still needs a path through it: the unknown token.
      if (!hasSingleSymbolPiece) {
        const score = best[start] + this.unknownScore;
        if (score > best[start + 1]) {
          best[start + 1] = score;
          from[start + 1] = start;
          idAt[start + 1] = UNKNOWN_ID;
        }
      }
    }
    const reversed: number[] = [];
    for (let end = n; end > 0; end = from[end]) {
      const id = idAt[end];
      // Runs of unknown symbols become one unknown token, as in SentencePiece.
      if (id === UNKNOWN_ID && reversed.at(-1) === UNKNOWN_ID) continue;
      reversed.push(id);
    }
    return reversed.reverse();
  }
}
