import type { Passage } from '../types.js';
import { htmlPlainView } from './html-source.js';
import { decodeJsonString } from './json-strings.js';
import type { PlainView } from './loaded-source.js';
import { markdownPlainView } from './markdown-plain.js';
import { rawSpan } from './plain-view.js';
import { splitSentences } from './sentences.js';
import { sourceKind } from './sources.js';

/** One sentence of a passage: exact source offsets, the source slice, and its readable text. */
export interface PassageSentence {
  start: number;
  end: number;
  /** `sourceText.slice(start, end)`. */
  text: string;
  /** The sentence without markup or escapes, when that differs from `text`. */
  plainText?: string;
}

const shift = (view: PlainView, by: number): PlainView => ({
  text: view.text,
  starts: view.starts.map((s) => s + by),
  ends: view.ends.map((e) => e + by),
});

/** The readable view of a passage's raw text, by the kind of its source. */
function passageView(passage: Passage): PlainView | undefined {
  if (passage.plainText === undefined) return undefined;
  switch (sourceKind(passage.source)) {
    case 'html':
      return htmlPlainView(passage.text, passage.start);
    case 'jsonl':
    case 'beir': {
      const view = decodeJsonString(passage.text, 0, passage.text.length);
      return view && shift(view, passage.start);
    }
    case 'markdown': {
      const view = markdownPlainView(passage.text, 0, passage.text.length);
      return view && shift(view, passage.start);
    }
    default:
      return undefined;
  }
}

/**
 * Splits a passage into sentences with exact offsets into its source, also for HTML, JSON and
 * Markdown passages, whose sentences are found in the readable text and mapped back.
 */
export function passageSentences(passage: Passage): PassageSentence[] {
  const view = passageView(passage);
  if (view === undefined) {
    return splitSentences(passage.text, passage.start).map((s) => ({
      ...s,
      text: passage.text.slice(s.start - passage.start, s.end - passage.start),
    }));
  }
  return splitSentences(view.text).map((local) => {
    const span = rawSpan(view, local.start, local.end);
    const text = passage.text.slice(span.start - passage.start, span.end - passage.start);
    const plainText = view.text.slice(local.start, local.end);
    return { ...span, text, ...(plainText === text ? {} : { plainText }) };
  });
}
