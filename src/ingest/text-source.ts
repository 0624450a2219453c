import { createDocIdMaker } from './doc-id.js';
import type { LoadedArticle } from './loaded-source.js';
import { detectTextArticles } from './text-articles.js';

/** Articles of a plain text file that may hold many articles back to back. */
export function textArticles(source: string, text: string): LoadedArticle[] {
  const docId = createDocIdMaker(source);
  return detectTextArticles(text).map((a) => ({
    docId: docId(a.title),
    title: a.title,
    source,
    start: a.start,
    end: a.end,
  }));
}
