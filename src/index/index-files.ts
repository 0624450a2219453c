import { createHash } from 'node:crypto';
import { copyFile, link, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../errors.js';
import type { Passage } from '../types.js';
import { Bm25Store, type Bm25Settings } from './bm25-store.js';
import { IndexState } from './index-state.js';
import {
  corpusFingerprint,
  FORMAT_VERSION,
  parseManifest,
  type IndexManifest,
} from './manifest.js';
import { commitGeneration, currentGeneration } from './persistence.js';
import { HnswVectorStore, type HnswSettings } from './vector-store.js';

/**
 * One index generation on disk: manifest.json (validated, with a sha256 of every other file),
 * passages.json (the passage table, null for deleted rows), bm25.json, vectors.hnsw, and
 * sources/<hash>.txt, a copy of each document as indexed, so quotes always match offsets even
 * after the knowledge folder changes.
 */
const FILES = { passages: 'passages.json', bm25: 'bm25.json', vectors: 'vectors.hnsw' } as const;
const MANIFEST = 'manifest.json';

const sha256 = (data: Buffer | string): string => createHash('sha256').update(data).digest('hex');

export const sourceCopyPath = (dir: string, hash: string): string =>
  path.join(dir, 'sources', `${hash}.txt`);

export interface LoadedIndex {
  dir: string;
  manifest: IndexManifest;
  state: IndexState;
}

/**
 * Commits `state` as a new generation. `sourceTexts` gives the text of documents whose copy is
 * not in `previousDir` (new or changed ones); unchanged copies are hard-linked from there.
 */
export async function saveIndex(
  root: string,
  state: IndexState,
  sourceTexts: ReadonlyMap<string, string>,
  previousDir: string | undefined,
): Promise<{ dir: string; manifest: IndexManifest }> {
  let manifest: IndexManifest | undefined;
  const dir = await commitGeneration(root, async (dir) => {
    await mkdir(path.join(dir, 'sources'));
    for (const doc of state.documents.values()) {
      const target = sourceCopyPath(dir, doc.hash);
      const text = sourceTexts.get(doc.hash);
      if (text !== undefined) await writeFile(target, text, { flag: 'wx' }).catch(ignoreExists);
      else if (previousDir !== undefined)
        await linkOrCopy(sourceCopyPath(previousDir, doc.hash), target);
      else throw new AppError('INTERNAL', `No text for document copy ${doc.hash}.`);
    }
    const passages = Buffer.from(JSON.stringify(state.passages));
    const bm25 = Buffer.from(JSON.stringify(state.bm25.toJSON()));
    await writeFile(path.join(dir, FILES.passages), passages);
    await writeFile(path.join(dir, FILES.bm25), bm25);
    await state.vectors.save(path.join(dir, FILES.vectors));
    const vectors = await readFile(path.join(dir, FILES.vectors));
    const documents = Object.fromEntries(state.documents);
    manifest = {
      formatVersion: FORMAT_VERSION,
      build: state.build,
      builtAt: new Date().toISOString(),
      corpusFingerprint: corpusFingerprint(documents),
      documents,
      rowCount: state.passages.length,
      deletedRows: state.deletedRows(),
      files: {
        passages: { name: FILES.passages, sha256: sha256(passages) },
        bm25: { name: FILES.bm25, sha256: sha256(bm25) },
        vectors: { name: FILES.vectors, sha256: sha256(vectors) },
      },
    };
    await writeFile(path.join(dir, MANIFEST), JSON.stringify(manifest, null, 1));
  });
  return { dir, manifest: manifest as IndexManifest };
}

function ignoreExists(err: NodeJS.ErrnoException): void {
  // Two documents with identical content share one copy.
  if (err.code !== 'EEXIST') throw err;
}

async function linkOrCopy(from: string, to: string): Promise<void> {
  try {
    await link(from, to);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return;
    await copyFile(from, to);
  }
}

/** Reads and validates the committed manifest, or undefined when there is no index yet. */
export async function readManifest(
  root: string,
): Promise<{ dir: string; manifest: IndexManifest } | undefined> {
  const dir = await currentGeneration(root);
  if (dir === undefined) return undefined;
  return { dir, manifest: parseManifest(await readJson(path.join(dir, MANIFEST))) };
}

async function readJson(file: string, expectedSha?: string): Promise<unknown> {
  let data: Buffer;
  try {
    data = await readFile(file);
  } catch (cause) {
    throw new AppError('INDEX_CORRUPT', `The index file ${file} is missing.`, { cause });
  }
  verify(file, data, expectedSha);
  try {
    return JSON.parse(data.toString('utf8'));
  } catch (cause) {
    throw new AppError('INDEX_CORRUPT', `The index file ${file} is not valid JSON.`, { cause });
  }
}

function verify(file: string, data: Buffer, expectedSha: string | undefined): void {
  if (expectedSha !== undefined && sha256(data) !== expectedSha)
    throw new AppError('INDEX_CORRUPT', `The index file ${file} does not match its checksum.`);
}

function parsePassages(json: unknown, manifest: IndexManifest): Array<Passage | null> {
  if (!Array.isArray(json) || json.length !== manifest.rowCount)
    throw new AppError('INDEX_CORRUPT', 'The passage table does not match the manifest.');
  return json as Array<Passage | null>;
}

/**
 * Loads the committed generation: files are checked against the manifest's checksums before
 * anything parses them (hnswlib trusts its input), so damage shows as INDEX_CORRUPT.
 */
export async function loadIndex(
  root: string,
  settings: { bm25: Bm25Settings; hnsw: HnswSettings },
): Promise<LoadedIndex | undefined> {
  const found = await readManifest(root);
  if (found === undefined) return undefined;
  const { dir, manifest } = found;
  const passages = parsePassages(
    await readJson(path.join(dir, manifest.files.passages.name), manifest.files.passages.sha256),
    manifest,
  );
  const bm25 = Bm25Store.fromJSON(
    await readJson(path.join(dir, manifest.files.bm25.name), manifest.files.bm25.sha256),
    settings.bm25,
  );
  const vectorFile = path.join(dir, manifest.files.vectors.name);
  const vectorData = await readFile(vectorFile).catch((cause: unknown) => {
    throw new AppError('INDEX_CORRUPT', `The index file ${vectorFile} is missing.`, { cause });
  });
  verify(vectorFile, vectorData, manifest.files.vectors.sha256);
  const vectors = await HnswVectorStore.load(
    vectorFile,
    manifest.build.dimensions,
    settings.hnsw,
    manifest.deletedRows,
  );
  if (vectors.count !== manifest.rowCount || bm25.size !== vectors.size)
    throw new AppError('INDEX_CORRUPT', 'The vector and BM25 indexes disagree with the manifest.');
  const state = new IndexState({
    build: manifest.build,
    passages,
    bm25,
    vectors,
    documents: new Map(
      Object.entries(manifest.documents).map(([source, doc]) => [source, { ...doc }]),
    ),
  });
  return { dir, manifest, state };
}
