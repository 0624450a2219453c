import { PlainViewBuilder } from './plain-view.js';
import type { PlainView } from './loaded-source.js';

/** Where a top-level string value sits in a raw JSON object text. */
export interface RawString {
  /** Offsets of the string's contents, between its quotes. */
  start: number;
  end: number;
  /** The decoded value and, when it holds escapes, how its characters map back to the raw text. */
  plain?: PlainView;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

/** End of the string whose opening quote is at `open` (the index of its closing quote). */
function stringEnd(text: string, open: number): number {
  let i = open + 1;
  while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
  return i;
}

/** Index after the value starting at `i` (a string, number, literal, object or array). */
function skipValue(text: string, i: number): number {
  if (text[i] === '"') return stringEnd(text, i) + 1;
  if (text[i] === '{' || text[i] === '[') {
    let depth = 0;
    for (let j = i; j < text.length; j++) {
      const c = text[j];
      if (c === '"') j = stringEnd(text, j);
      else if (c === '{' || c === '[') depth++;
      else if ((c === '}' || c === ']') && --depth === 0) return j + 1;
    }
    return text.length;
  }
  let j = i;
  while (j < text.length && !/[,}\]\s]/.test(text[j] as string)) j++;
  return j;
}

/**
 * The decoded value of JSON string contents text[start, end) mapped to offsets in `text`, or
 * undefined when it holds no escapes (then the raw text is its own value).
 */
export function decodeJsonString(text: string, start: number, end: number): PlainView | undefined {
  if (text.indexOf('\\', start) === -1 || text.indexOf('\\', start) >= end) return undefined;
  const view = new PlainViewBuilder();
  let i = start;
  while (i < end) {
    const next = text.indexOf('\\', i);
    const stop = next === -1 || next >= end ? end : next;
    if (stop > i) view.pushVerbatim(text.slice(i, stop), i);
    if (stop === end) break;
    const kind = text[stop + 1] as string;
    if (kind === 'u') {
      view.push(String.fromCharCode(parseInt(text.slice(stop + 2, stop + 6), 16)), stop, stop + 6);
      i = stop + 6;
    } else {
      view.push(SIMPLE_ESCAPES[kind] ?? kind, stop, stop + 2);
      i = stop + 2;
    }
  }
  return view.build();
}

/**
 * Finds the raw spans of the named top-level string fields of one JSON object text (already
 * validated by JSON.parse). `base` is added to every offset.
 */
export function locateStrings(
  text: string,
  keys: readonly string[],
  base = 0,
): Map<string, RawString> {
  const found = new Map<string, RawString>();
  let i = text.indexOf('{') + 1;
  while (i > 0 && i < text.length) {
    while (i < text.length && text[i] !== '"' && text[i] !== '}') i++;
    if (text[i] !== '"') break;
    const keyEnd = stringEnd(text, i);
    const key = JSON.parse(text.slice(i, keyEnd + 1)) as string;
    i = text.indexOf(':', keyEnd) + 1;
    while (/\s/.test(text[i] as string)) i++;
    const valueEnd = skipValue(text, i);
    if (text[i] === '"' && keys.includes(key)) {
      const plain = decodeJsonString(text, i + 1, valueEnd - 1);
      const shift = (v: PlainView): PlainView => ({
        text: v.text,
        starts: v.starts.map((s) => s + base),
        ends: v.ends.map((e) => e + base),
      });
      found.set(key, {
        start: base + i + 1,
        end: base + valueEnd - 1,
        ...(plain === undefined ? {} : { plain: shift(plain) }),
      });
    }
    i = valueEnd;
    while (i < text.length && text[i] !== ',' && text[i] !== '}') i++;
    if (text[i] === '}') break;
    i++;
  }
  return found;
}
