import { createHash } from 'node:crypto';
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../errors.js';
import { decodeUtf8 } from './decode.js';
import { htmlArticles } from './html-source.js';
import { jsonLinesArticles } from './json-source.js';
import type { LoadedArticle, LoadedSource, SourceKind } from './loaded-source.js';
import { markdownArticles } from './markdown-source.js';
import { textArticles } from './text-source.js';

/** File extensions ingested, and how each is read. `corpus.jsonl` is read as a BEIR corpus. */
export const SUPPORTED_EXTENSIONS: Readonly<Record<string, SourceKind>> = {
  '.txt': 'text',
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.html': 'html',
  '.htm': 'html',
  '.jsonl': 'jsonl',
};

/** Default size limit: far above any document here (BEIR scifact is 7.5 MB), far below memory trouble. */
export const DEFAULT_MAX_SOURCE_BYTES = 64 * 1024 * 1024;

export interface LoadOptions {
  maxBytes?: number;
}

/** The kind of a source by its name, or undefined when it is not ingested. */
export function sourceKind(source: string): SourceKind | undefined {
  const name = path.posix.basename(source).toLowerCase();
  if (name === 'corpus.jsonl') return 'beir';
  return SUPPORTED_EXTENSIONS[path.posix.extname(name)];
}

const toPosix = (p: string): string => p.split(path.sep).join('/');
const isHidden = (name: string): boolean => name.startsWith('.');

/** Resolves `target` and checks it lies inside `root` (both real paths, so links cannot escape). */
async function resolveInside(root: string, target: string): Promise<string> {
  let real: string;
  try {
    real = await realpath(path.resolve(target));
  } catch (cause) {
    throw new AppError('SOURCE_NOT_FOUND', `Nothing exists at ${target}.`, {
      cause,
      details: { path: target },
    });
  }
  const rel = path.relative(root, real);
  if (rel.startsWith('..') || path.isAbsolute(rel)) {
    throw new AppError(
      'PATH_OUTSIDE_KNOWLEDGE',
      `${target} is outside the knowledge folder ${root}.`,
      { details: { path: target } },
    );
  }
  return real;
}

async function walk(root: string, dir: string, out: string[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  for (const entry of entries) {
    if (isHidden(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) await walk(root, full, out);
    else if (entry.isFile() && sourceKind(entry.name) !== undefined)
      out.push(toPosix(path.relative(root, full)));
  }
}

/**
 * Lists ingestible files under the knowledge folder as sorted POSIX paths relative to it.
 * `paths` (files or folders, relative to the working directory or absolute) narrow the list;
 * each must lie inside the folder (PATH_OUTSIDE_KNOWLEDGE) and exist (SOURCE_NOT_FOUND), and a
 * file named explicitly must be of a supported kind (SOURCE_UNSUPPORTED).
 */
export async function listSources(knowledgeDir: string, paths?: string[]): Promise<string[]> {
  const root = await realpath(knowledgeDir).catch((cause: unknown) => {
    throw new AppError('SOURCE_NOT_FOUND', `The knowledge folder ${knowledgeDir} does not exist.`, {
      cause,
    });
  });
  const found: string[] = [];
  for (const target of paths === undefined || paths.length === 0 ? [root] : paths) {
    const real = await resolveInside(root, target);
    if ((await stat(real)).isDirectory()) {
      await walk(root, real, found);
      continue;
    }
    const rel = toPosix(path.relative(root, real));
    if (sourceKind(rel) === undefined) {
      throw new AppError(
        'SOURCE_UNSUPPORTED',
        `${rel} is not a supported kind of document (${Object.keys(SUPPORTED_EXTENSIONS).join(' ')}).`,
        { details: { path: target } },
      );
    }
    found.push(rel);
  }
  return [...new Set(found)].sort();
}

/** Finds the articles of decoded text by kind (pure). */
export function parseSource(source: string, kind: SourceKind, text: string): LoadedArticle[] {
  switch (kind) {
    case 'text':
      return textArticles(source, text);
    case 'markdown':
      return markdownArticles(source, text);
    case 'html':
      return htmlArticles(source, text);
    case 'jsonl':
    case 'beir':
      return jsonLinesArticles(source, text);
  }
}

/**
 * Reads one source (a path relative to the knowledge folder), decodes it as UTF-8 and finds its
 * articles. Refuses, with coded errors, paths outside the folder, unsupported kinds, oversized,
 * binary or non-UTF-8 files and malformed JSON lines.
 */
export async function loadSource(
  knowledgeDir: string,
  source: string,
  options: LoadOptions = {},
): Promise<LoadedSource> {
  const kind = sourceKind(source);
  if (kind === undefined)
    throw new AppError('SOURCE_UNSUPPORTED', `${source} is not a supported kind of document.`, {
      details: { source },
    });
  const root = await realpath(knowledgeDir);
  const file = await resolveInside(root, path.resolve(root, source));
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_SOURCE_BYTES;
  const info = await stat(file);
  if (!info.isFile()) {
    throw new AppError('SOURCE_NOT_FOUND', `${source} is not a file.`, { details: { source } });
  }
  const size = info.size;
  if (size > maxBytes) {
    throw new AppError(
      'SOURCE_TOO_LARGE',
      `${source} is ${size} bytes; the limit is ${maxBytes}.`,
      { details: { source, size, maxBytes } },
    );
  }
  const rel = toPosix(path.relative(root, file));
  const bytes = await readFile(file).catch((cause: unknown) => {
    throw new AppError('INGEST_FAILED', `${rel} could not be read.`, {
      cause,
      details: { source: rel },
    });
  });
  const text = decodeUtf8(bytes, rel);
  return {
    source: rel,
    text,
    hash: createHash('sha256').update(text).digest('hex'),
    kind,
    articles: parseSource(rel, kind, text),
  };
}
