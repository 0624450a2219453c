import { createHash } from 'node:crypto';

const MAX_ID = 64;

/** Lower-case ASCII words joined by dashes; non-ASCII text (e.g. Chinese) leaves nothing. */
export function slugify(text: string, max: number): string {
  const slug = text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug.slice(0, max).replace(/-+$/, '');
}

/** Titles in scripts a slug cannot spell (Chinese) are told apart by a hash of the title. */
function isMostlyNonAscii(title: string): boolean {
  const letters = title.match(/\p{L}/gu) ?? [];
  const foreign = letters.filter((c) => c.charCodeAt(0) > 0x7f).length;
  return foreign > 0 && foreign >= 0.3 * letters.length;
}

const shortHash = (text: string, n: number): string =>
  createHash('sha256').update(text).digest('hex').slice(0, n);

/**
 * Gives every article of one source a stable, URL-safe id (≤ 64 characters) made of the file
 * name, the title and, for a repeated title, its occurrence: ids survive edits elsewhere in the file.
 */
export function createDocIdMaker(source: string): (title: string) => string {
  const base = source.split('/').pop() ?? source;
  const stem = slugify(base.replace(/\.[^.]+$/, ''), 20) || shortHash(base, 8);
  // Files with the same name in different folders must not share ids.
  const prefix = source.includes('/') ? `${stem}-${shortHash(source, 4)}` : stem;
  const seen = new Map<string, number>();
  return (title: string) => {
    const room = MAX_ID - prefix.length - 5;
    const titleSlug = isMostlyNonAscii(title)
      ? [slugify(title, room - 9), shortHash(title, 8)].filter(Boolean).join('-')
      : slugify(title, room) || shortHash(title, 8);
    const key = `${prefix}-${titleSlug}`;
    const count = (seen.get(key) ?? 0) + 1;
    seen.set(key, count);
    return count === 1 ? key : `${key}-${count}`;
  };
}

/** A record's own id when it is URL-safe and short enough, otherwise a readable, hashed form. */
export function recordDocId(id: string): string {
  if (/^[A-Za-z0-9._~-]{1,64}$/.test(id)) return id;
  return `${slugify(id, MAX_ID - 9) || 'doc'}-${shortHash(id, 8)}`;
}
