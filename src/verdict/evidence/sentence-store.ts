import { passageSentences } from '../../ingest/index.js';
import type { Passage, SourceSpan } from '../../types.js';
import { hasCjk } from '../../index/tokenize.js';
import { chineseWords, contentTokens } from '../text/terms.js';

/** One citable sentence of the knowledge base, with what the matcher needs precomputed. */
export interface EvidenceSentence extends SourceSpan {
  /** Position in the store (sentences of one document are consecutive, in text order). */
  id: number;
  /** Row id of the passage it came from. */
  passageId: number;
  section?: string;
  text: string;
  /** Content stems, and a Chinese sentence's words (chineseWords). */
  stems: Set<string>;
  /** Lower-case words, for prefix matches of transliterated names (and the Chinese words). */
  words: string[];
}

/** A Markdown heading: it names what follows, and its neighbours are not its context. */
export const isHeading = (s: EvidenceSentence): boolean => /^#{1,6}\s/.test(s.text);

/**
 * What circulates, quoted or told as a rumour ("a post circulating online claimed that ...",
 * 网上流传“……”的说法, 有网民在短视频平台发布视频称“……”): the text reports it, it does not assert it.
 * Posts, messages and videos are told apart from a company's or an official's statement by where
 * they go round (online, shared, forwarded) or by who posts them (网民, 自媒体).
 */
const ZH_REPORT =
  '(?:网传|网上流传|网络流传|流传|传言|传闻|谣传|有人称|有网友称|有消息称)[^“"「。]{0,12}[“"「]' +
  '|(?:网民|网友|自媒体|账号|帖子|短视频|视频|微信群|朋友圈)[^“"「。]{0,24}?(?:声称|称|说)[，,：:]?\\s*[“"「]' +
  '|^\\s*消息称[，,：:]?\\s*[“"「]';
const EN_REPORT =
  '\\b(?:rumou?rs?|circulating\\s+(?:online|on\\s+social\\s+media))\\s+(?:that|claim\\w*|say\\w*)' +
  '|\\b(?:posts?|messages?|videos?)\\b(?=[^.;]{0,120}\\b(?:circulat\\w*|shared|social\\s+media|online|forwarded|viral)\\b)' +
  '[^.;:]{0,120}?\\b(?:claim(?:s|ed|ing)?|say(?:s|ing)?|suggest(?:s|ed|ing)?|alleg(?:es|ed|ing))(?:\\s+that)?';
const REPORTED_RUMOUR = new RegExp(`${ZH_REPORT}|(?:${EN_REPORT})\\b`, 'i');
export const reportsRumour = (s: EvidenceSentence): boolean => REPORTED_RUMOUR.test(s.text);
/** The rumour's own words: what is quoted after the report, or said after "rumours that". */
const RUMOUR_WORDS = [
  new RegExp(`(?:${ZH_REPORT})([^”"」]{2,200})`),
  new RegExp(`(?:${EN_REPORT})\\s+([^.;]{3,200})`, 'i'),
];
export const rumourWords = (s: EvidenceSentence): string | undefined => {
  for (const re of RUMOUR_WORDS) {
    const m = re.exec(s.text);
    if (m) return m[1];
  }
  return undefined;
};

/**
 * `s` with the sentences just before and after it in its document that read as its context, in
 * text order: none for a heading, and a heading only before it (a heading before names its
 * section, one after names the next). A rumour the text reports lends its words to no
 * neighbour: they are the rumour's, not the text's.
 */
export function windowOf(
  store: SentenceStore,
  s: EvidenceSentence,
  radius = 1,
): EvidenceSentence[] {
  const out = [s];
  if (isHeading(s)) return out;
  for (let id = s.id - 1; id >= s.id - radius; id--) {
    const n = store.sentences[id];
    if (!n || n.docId !== s.docId || reportsRumour(n)) break;
    out.unshift(n);
    if (isHeading(n)) break;
  }
  for (let id = s.id + 1; id <= s.id + radius; id++) {
    const n = store.sentences[id];
    if (!n || n.docId !== s.docId || isHeading(n) || reportsRumour(n)) break;
    out.push(n);
  }
  return out;
}

export interface SentenceStore {
  sentences: EvidenceSentence[];
  /** Some sentence is in Chinese (English claims then read it through its rendering). */
  hasChinese: boolean;
  /** Sentence ids by content stem. */
  byStem: Map<string, number[]>;
  /** In how many sentences each stem occurs (for IDF). */
  df(stem: string): number;
  /** The sentences of each passage row. */
  ofPassage: number[][];
  /** Stems of each document's title. */
  titleStems: Map<string, Set<string>>;
  /** Every content stem and word of each document (for "does the article name it at all"). */
  docWords: Map<string, { stems: Set<string>; words: string[] }>;
}

/** An English reading of a Chinese text: its word-by-word rendering, and every sense's stems. */
export interface EnglishReading {
  english: string;
  stems: string[];
}

/** Words of a text as the matcher reads them: content stems and lower-case words, Chinese ones too. */
function readWords(text: string, reading?: (text: string) => EnglishReading) {
  // A Chinese text read for English claims: the words of its English rendering beside its own.
  const english = reading && hasCjk(text) ? reading(text) : { english: text, stems: [] };
  const tokens = contentTokens(english.english);
  const chinese = chineseWords(text);
  return {
    stems: new Set([...tokens.map((t) => t.stem), ...english.stems, ...chinese]),
    words: [...tokens.map((t) => t.lower), ...chinese],
  };
}

/**
 * Splits every passage into sentences with exact source offsets (ingest's `passageSentences`
 * maps sentences of HTML, JSON and Markdown passages back to their raw spans). Sentences shared
 * by overlapping passages are stored once. Removed rows (null) are skipped. With `reading`, a
 * Chinese sentence's words are also those of its English rendering (for English claims); its text
 * and offsets stay the source's.
 */
export function buildSentenceStore(
  passages: ReadonlyArray<Passage | null>,
  reading?: (text: string) => EnglishReading,
): SentenceStore {
  const sentences: EvidenceSentence[] = [];
  const seen = new Map<string, number>();
  const ofPassage: number[][] = passages.map(() => []);
  const order = passages
    .flatMap((p, i) => (p === null ? [] : [i]))
    .sort((a, b) => {
      const pa = passages[a]!;
      const pb = passages[b]!;
      return pa.source < pb.source ? -1 : pa.source > pb.source ? 1 : pa.start - pb.start;
    });
  for (const pi of order) {
    const p = passages[pi]!;
    for (const span of passageSentences(p)) {
      const key = `${p.source}\u0000${span.start}\u0000${span.end}`;
      let id = seen.get(key);
      if (id === undefined) {
        const text = span.text;
        const plain = span.plainText ?? text;
        id = sentences.length;
        seen.set(key, id);
        sentences.push({
          id,
          passageId: pi,
          docId: p.docId,
          title: p.title,
          ...(p.section === undefined ? {} : { section: p.section }),
          source: p.source,
          start: span.start,
          end: span.end,
          text,
          ...readWords(plain, reading),
        });
      }
      ofPassage[pi]!.push(id);
    }
  }
  const byStem = new Map<string, number[]>();
  for (const s of sentences) {
    for (const stem of s.stems) {
      let list = byStem.get(stem);
      if (!list) byStem.set(stem, (list = []));
      list.push(s.id);
    }
  }
  const titleStems = new Map<string, Set<string>>();
  for (const p of passages) {
    if (p !== null && !titleStems.has(p.docId))
      titleStems.set(p.docId, readWords(p.title, reading).stems);
  }
  const docWords = new Map<string, { stems: Set<string>; words: string[] }>();
  for (const s of sentences) {
    let d = docWords.get(s.docId);
    if (!d) docWords.set(s.docId, (d = { stems: new Set(), words: [] }));
    for (const stem of s.stems) d.stems.add(stem);
    d.words.push(...s.words);
  }
  for (const d of docWords.values()) d.words = [...new Set(d.words)];
  return {
    sentences,
    hasChinese: sentences.some((s) => hasCjk(s.text)),
    docWords,
    byStem,
    df: (stem) => byStem.get(stem)?.length ?? 0,
    ofPassage,
    titleStems,
  };
}
