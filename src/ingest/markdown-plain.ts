import type { PlainView } from './loaded-source.js';
import { PlainViewBuilder } from './plain-view.js';

/**
 * Markup that carries no words: link targets, images' addresses, emphasis and code marks, HTML
 * comments and tags. Heading marks stay, because they tell sections apart.
 */
const MARKUP =
  /!?\[([^\]\n]*)\]\([^)\n]*\)|<!--[\s\S]*?-->|<\/?[A-Za-z][^>\n]*>|\*\*|__|`+|^[ \t]*[-*+][ \t]+/gm;

/**
 * The readable text of raw Markdown [start, end), mapped back to raw offsets; undefined when the
 * span holds no markup to remove (then the raw text is its own plain text).
 */
export function markdownPlainView(raw: string, start: number, end: number): PlainView | undefined {
  const text = raw.slice(start, end);
  const view = new PlainViewBuilder();
  let pos = 0;
  let changed = false;
  for (const m of text.matchAll(MARKUP)) {
    changed = true;
    if (m.index > pos) view.pushVerbatim(text.slice(pos, m.index), start + pos);
    const label = m[1];
    // A link or image keeps its label text: it sits one character after the match start ("[")
    // or two ("![").
    if (label !== undefined && label.length > 0) {
      const at = m.index + m[0].indexOf('[') + 1;
      view.pushVerbatim(label, start + at);
    }
    pos = m.index + m[0].length;
  }
  if (!changed) return undefined;
  if (pos < text.length) view.pushVerbatim(text.slice(pos), start + pos);
  return view.build();
}
