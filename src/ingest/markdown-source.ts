import { createDocIdMaker } from './doc-id.js';
import type { LoadedArticle } from './loaded-source.js';
import { markdownPlainView } from './markdown-plain.js';

const HEADING = /^(#{1,6})[ \t]+(.+?)[ \t#]*$/;
const FENCE = /^\s*(```|~~~)/;

interface Heading {
  level: number;
  title: string;
  start: number;
}

function readHeadings(text: string): Heading[] {
  const headings: Heading[] = [];
  let inFence = false;
  let pos = 0;
  for (const line of text.split('\n')) {
    if (FENCE.test(line)) inFence = !inFence;
    const m = inFence ? null : HEADING.exec(line.replace(/\r$/, ''));
    if (m !== null)
      headings.push({ level: (m[1] as string).length, title: (m[2] as string).trim(), start: pos });
    pos += line.length + 1;
  }
  return headings;
}

/** The file name without folder and extension, the title of last resort. */
export const fileTitle = (source: string): string =>
  (source.split('/').pop() ?? source).replace(/\.[^.]+$/, '');

/**
 * Articles of a Markdown file: one per top-level (`#`) heading when there are several, else the
 * whole file titled by its first heading or its file name. Text before the first `#` heading
 * becomes an article of its own when it holds anything.
 */
export function markdownArticles(source: string, text: string): LoadedArticle[] {
  const docId = createDocIdMaker(source);
  const headings = readHeadings(text);
  const tops = headings.filter((h) => h.level === 1);
  const end = text.trimEnd().length;
  const article = (title: string, start: number, stop: number): LoadedArticle => {
    const end = start + text.slice(start, stop).trimEnd().length;
    const plain = markdownPlainView(text, start, end);
    return {
      docId: docId(title),
      title,
      source,
      start,
      end,
      ...(plain === undefined ? {} : { plain }),
    };
  };
  if (tops.length < 2) {
    const start = text.length - text.trimStart().length;
    return start >= end ? [] : [article(headings[0]?.title ?? fileTitle(source), start, end)];
  }
  const articles: LoadedArticle[] = [];
  const lead = text.slice(0, (tops[0] as Heading).start);
  if (lead.trim().length > 0)
    articles.push(article(fileTitle(source), lead.length - lead.trimStart().length, lead.length));
  tops.forEach((h, k) => articles.push(article(h.title, h.start, tops[k + 1]?.start ?? end)));
  return articles;
}
