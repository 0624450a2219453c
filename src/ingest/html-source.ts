import { createDocIdMaker } from './doc-id.js';
import type { LoadedArticle, PlainView } from './loaded-source.js';
import { fileTitle } from './markdown-source.js';
import { PlainViewBuilder } from './plain-view.js';

/** Elements whose boundaries end a line of text. */
const BLOCK = new Set(
  'p div br h1 h2 h3 h4 h5 h6 li ul ol tr td th table section article header footer main nav aside blockquote pre figure figcaption dd dt dl hr title'.split(
    ' ',
  ),
);
/** Elements whose contents are not text for readers. */
const HIDDEN = new Set(['script', 'style', 'noscript', 'template', 'head', 'svg']);
const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  mdash: '—',
  ndash: '–',
  hellip: '…',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  copy: '©',
};

function decodeEntity(entity: string): string | undefined {
  const body = entity.slice(1, -1);
  if (body.startsWith('#x') || body.startsWith('#X'))
    return String.fromCodePoint(parseInt(body.slice(2), 16));
  if (body.startsWith('#')) return String.fromCodePoint(parseInt(body.slice(1), 10));
  return NAMED_ENTITIES[body];
}

/** Appends a run of raw text: entities decoded, white space collapsed to single spaces. */
function pushText(view: PlainViewBuilder, raw: string, base: number): void {
  for (const m of raw.matchAll(/&#?[A-Za-z0-9]{1,10};|\s+|[^&\s]+|&/g)) {
    const at = base + m.index;
    const piece = m[0];
    if (/^\s/.test(piece)) {
      const last = view.lastChar();
      if (last !== undefined && last !== ' ' && last !== '\n') view.push(' ', at, at + 1);
    } else if (piece.startsWith('&') && piece.length > 1) {
      const decoded = decodeEntity(piece);
      if (decoded === undefined) view.pushVerbatim(piece, at);
      else view.push(decoded === '\u00a0' ? ' ' : decoded, at, at + piece.length);
    } else {
      view.pushVerbatim(piece, at);
    }
  }
}

const stripTags = (html: string): string =>
  html
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** The document title: `<title>`, else the first `<h1>`, else the file name. */
function htmlTitle(source: string, html: string): string {
  for (const pattern of [/<title[^>]*>([\s\S]*?)<\/title>/i, /<h1[^>]*>([\s\S]*?)<\/h1>/i]) {
    const m = pattern.exec(html);
    const title = m === null ? '' : decodeAll(stripTags(m[1] as string));
    if (title.length > 0) return title;
  }
  return fileTitle(source);
}

const decodeAll = (text: string): string =>
  text.replace(/&#?[A-Za-z0-9]{1,10};/g, (e) => decodeEntity(e) ?? e);

/**
 * The tag-free text of raw HTML (entities decoded, white space collapsed, block elements ending
 * lines, scripts, styles and comments dropped), mapped to raw offsets plus `base`.
 */
export function htmlPlainView(html: string, base = 0): PlainView {
  const view = new PlainViewBuilder();
  // Quoted attribute values may hold '>' (`<a title="a > b">`).
  const tag =
    /<!--[\s\S]*?-->|<(\/?)([A-Za-z][A-Za-z0-9-]*)\b(?:[^>"']|"[^"]*"|'[^']*')*>|<![^>]*>/gi;
  let pos = 0;
  let hidden: string | undefined;
  for (const m of html.matchAll(tag)) {
    if (hidden === undefined && m.index > pos) pushText(view, html.slice(pos, m.index), base + pos);
    pos = m.index + m[0].length;
    const name = m[2]?.toLowerCase();
    if (name === undefined) continue;
    const closing = m[1] === '/';
    if (hidden !== undefined) {
      if (closing && name === hidden) hidden = undefined;
      continue;
    }
    if (!closing && HIDDEN.has(name) && !m[0].endsWith('/>')) hidden = name;
    else if (BLOCK.has(name) && view.length > 0 && view.lastChar() !== '\n')
      view.push('\n', base + m.index, base + pos);
  }
  if (hidden === undefined && pos < html.length) pushText(view, html.slice(pos), base + pos);
  return view.build();
}

/** First plain index whose raw start is at or after `offset` (starts are ascending). */
function firstAtOrAfter(starts: Uint32Array, offset: number): number {
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((starts[mid] as number) < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The article over plain [from, to), trimmed, or undefined when only white space is there. */
function articleOver(
  plain: PlainView,
  from: number,
  to: number,
): { start: number; end: number; plain: PlainView } | undefined {
  const text = plain.text.slice(from, to);
  const lead = text.search(/\S/);
  if (lead === -1) return undefined;
  const a = from + lead;
  const b = from + text.trimEnd().length;
  const view = {
    text: plain.text.slice(a, b),
    starts: plain.starts.subarray(a, b),
    ends: plain.ends.subarray(a, b),
  };
  return { start: plain.starts[a] as number, end: plain.ends[b - 1] as number, plain: view };
}

const ARTICLE = /<article\b(?:[^>"']|"[^"]*"|'[^']*')*>([\s\S]*?)<\/article\s*>/gi;
const HEADING = /<h[1-3]\b[^>]*>([\s\S]*?)<\/h[1-3]\s*>/i;

/**
 * Articles of an HTML file, with offsets into the raw HTML and a `plain` view of the tag-free
 * text (block elements end lines) mapped back to raw offsets. A page of several `<article>`
 * elements gives one article each, titled by its first heading; any other page is one article
 * spanning its body, titled by `<title>` or its first `<h1>`.
 */
export function htmlArticles(source: string, html: string): LoadedArticle[] {
  const plain = htmlPlainView(html);
  const docId = createDocIdMaker(source);
  const pageTitle = htmlTitle(source, html);
  const elements = [...html.matchAll(ARTICLE)];
  if (elements.length < 2) {
    const whole = articleOver(plain, 0, plain.text.length);
    return whole === undefined
      ? []
      : [{ docId: docId(pageTitle), title: pageTitle, source, ...whole }];
  }
  return elements.flatMap((m, k) => {
    const found = articleOver(
      plain,
      firstAtOrAfter(plain.starts, m.index),
      firstAtOrAfter(plain.starts, m.index + m[0].length),
    );
    if (found === undefined) return [];
    const heading = HEADING.exec(m[1] as string);
    const title =
      (heading && decodeAll(stripTags(heading[1] as string))) || `${pageTitle} (${k + 1})`;
    return [{ docId: docId(title), title, source, ...found }];
  });
}
