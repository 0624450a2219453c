import type { Passage } from '../types.js';
import type { SourceContext } from './checker-types.js';

/**
 * The paragraph around a span: from the blank line before it to the blank line after it,
 * kept inside the article that holds the span. Undefined when no passage of `docId` covers it.
 */
export function findSourceContext(
  passages: ReadonlyArray<Passage | null>,
  sourceText: (source: string) => Promise<string>,
): (docId: string, start: number, end: number) => Promise<SourceContext | undefined> {
  return async (docId, start, end) => {
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end <= start)
      return undefined;
    const own = passages.filter((p): p is Passage => p !== null && p.docId === docId);
    if (own.length === 0) return undefined;
    const articleStart = Math.min(...own.map((p) => p.start));
    const articleEnd = Math.max(...own.map((p) => p.end));
    if (start < articleStart || end > articleEnd) return undefined;
    const text = await sourceText(own[0]!.source);
    const before = text.lastIndexOf('\n\n', start);
    const after = text.indexOf('\n\n', end);
    let cStart = Math.max(articleStart, before < 0 ? 0 : before + 2);
    let cEnd = Math.min(articleEnd, after < 0 ? text.length : after);
    while (cStart < start && /\s/.test(text[cStart]!)) cStart++;
    while (cEnd > end && /\s/.test(text[cEnd - 1]!)) cEnd--;
    return {
      docId,
      title: own[0]!.title,
      source: own[0]!.source,
      start,
      end,
      quote: text.slice(start, end),
      context: { start: cStart, end: cEnd, text: text.slice(cStart, cEnd) },
    };
  };
}
