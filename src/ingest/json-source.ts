import { z } from 'zod';
import { AppError } from '../errors.js';
import { recordDocId } from './doc-id.js';
import { locateStrings } from './json-strings.js';
import type { LoadedArticle } from './loaded-source.js';

const idSchema = z.union([z.string().min(1), z.number()]).transform(String);
/** One document a line: our own JSON Lines shape, or a BEIR corpus record (`_id`). */
const recordSchema = z.union([
  z.object({
    id: idSchema,
    title: z.string().optional(),
    text: z.string(),
    url: z.string().optional(),
    date: z.string().optional(),
  }),
  z
    .object({ _id: idSchema, title: z.string().optional(), text: z.string() })
    .transform((r) => ({ ...r, id: r._id })),
]);

/**
 * Articles of a JSON Lines file, one per record. Offsets point at the contents of the raw
 * `text` string; when it holds escapes, `plain` carries the decoded text and its mapping.
 * A malformed line is refused with SOURCE_MALFORMED naming its line number.
 */
export function jsonLinesArticles(source: string, text: string): LoadedArticle[] {
  const articles: LoadedArticle[] = [];
  const seen = new Map<string, number>();
  let lineStart = 0;
  let lineNo = 0;
  while (lineStart < text.length) {
    lineNo++;
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    const line = text.slice(lineStart, lineEnd);
    if (line.trim().length > 0) {
      const record = parseRecord(line, source, lineNo);
      const where = locateStrings(line, ['text'], lineStart).get('text');
      if (where !== undefined && record.text.trim().length > 0) {
        const count = (seen.get(record.id) ?? 0) + 1;
        seen.set(record.id, count);
        articles.push({
          docId: recordDocId(count === 1 ? record.id : `${record.id}-${count}`),
          title: record.title?.trim() || record.id,
          source,
          start: where.start,
          end: where.end,
          ...('url' in record && record.url !== undefined ? { url: record.url } : {}),
          ...('date' in record && record.date !== undefined ? { date: record.date } : {}),
          ...(where.plain === undefined ? {} : { plain: where.plain }),
        });
      }
    }
    lineStart = lineEnd + 1;
  }
  return articles;
}

function parseRecord(line: string, source: string, lineNo: number) {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (cause) {
    throw new AppError('SOURCE_MALFORMED', `${source} line ${lineNo} is not valid JSON.`, {
      cause,
      details: { source, line: lineNo },
    });
  }
  const parsed = recordSchema.safeParse(value);
  if (!parsed.success) {
    throw new AppError(
      'SOURCE_MALFORMED',
      `${source} line ${lineNo} needs an id (or _id) and a text string.`,
      { details: { source, line: lineNo } },
    );
  }
  return parsed.data;
}
