import { createHash } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../errors.js';

/**
 * Bumped whenever stored data would be read differently (tokenizer, passage table, file set):
 * an index of another format version is rebuilt from scratch.
 */
export const FORMAT_VERSION = 1;

/** The settings baked into stored data; when any differs from the running config, rebuild. */
export const buildKeySchema = z.object({
  embedderId: z.string(),
  dimensions: z.number().int().positive(),
  passageTargetChars: z.number(),
  passageMaxChars: z.number(),
  titleWeight: z.number(),
});
export type BuildKey = z.infer<typeof buildKeySchema>;

const fileEntry = z.object({ name: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/) });

export const manifestSchema = z.object({
  formatVersion: z.number().int(),
  build: buildKeySchema,
  builtAt: z.string(),
  /** sha256 over every document's path and content hash: equal fingerprints, equal corpus. */
  corpusFingerprint: z.string(),
  /** Per document (path relative to the knowledge folder): content hash and passage rows. */
  documents: z.record(z.string(), z.object({ hash: z.string(), rows: z.array(z.number().int()) })),
  /** Rows in the passage table, deleted ones included. */
  rowCount: z.number().int().nonnegative(),
  /** Rows whose vectors are marked deleted in the HNSW file (their passages are null). */
  deletedRows: z.array(z.number().int()),
  files: z.object({ passages: fileEntry, bm25: fileEntry, vectors: fileEntry }),
});
export type IndexManifest = z.infer<typeof manifestSchema>;

/** Validates parsed manifest JSON; INDEX_CORRUPT with the first problem otherwise. */
export function parseManifest(json: unknown): IndexManifest {
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError(
      'INDEX_CORRUPT',
      `The index manifest is invalid (${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}).`,
    );
  }
  return parsed.data;
}

/** Fingerprint of a corpus: sha256 of its sorted `path\thash` lines. */
export function corpusFingerprint(documents: Record<string, { hash: string }>): string {
  const hash = createHash('sha256');
  for (const source of Object.keys(documents).sort())
    hash.update(`${source}\t${documents[source]?.hash ?? ''}\n`);
  return hash.digest('hex');
}

export function sameBuild(a: BuildKey, b: BuildKey): boolean {
  return (Object.keys(a) as (keyof BuildKey)[]).every((key) => a[key] === b[key]);
}
