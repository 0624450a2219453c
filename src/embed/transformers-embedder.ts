import fs from 'node:fs';
import path from 'node:path';
import type {
  FeatureExtractionPipeline,
  PretrainedModelOptions,
  Tensor,
} from '@huggingface/transformers';
import type { Embedder } from './embedder.js';
import { embedInBatches } from './batches.js';
import { profileFor, type ModelProfile } from './model-profiles.js';
import { normalizeInPlace, splitRows } from './vectors.js';

export interface TransformersOptions {
  /** Hugging Face model id, e.g. `Xenova/all-MiniLM-L6-v2`. */
  modelId: string;
  /** Local models folder in the transformers.js layout (`<id>/config.json`, `<id>/onnx/...`). */
  modelsDir: string;
  /** Whether the Hub may be asked for files missing locally. */
  allowRemote: boolean;
  batchSize: number;
  /** Overrides the profile found from the model id (tests, unusual models). */
  profile?: Partial<ModelProfile>;
}

export interface TransformersEmbedder extends Embedder {
  readonly profile: ModelProfile;
}

/** `pipeline` narrowed to our one task: its full overload set trips TypeScript (TS2590). */
type LoadFeatureExtraction = (
  task: 'feature-extraction',
  model: string,
  options: PretrainedModelOptions,
) => Promise<FeatureExtractionPipeline>;

/**
 * Which weights to load: the full-precision file when the local folder has it, else the
 * quantized one (what the Xenova repositories ship for Node), and the quantized one from the Hub.
 */
function chooseDtype(modelDir: string): 'fp32' | 'q8' {
  return fs.existsSync(path.join(modelDir, 'onnx', 'model.onnx')) ? 'fp32' : 'q8';
}

/**
 * Any Hugging Face feature-extraction model through transformers.js (ONNX Runtime), with the
 * pooling, normalisation and query/passage prefixes its profile asks for. Throws when the model
 * cannot be loaded (missing files and downloads forbidden, broken files).
 */
export async function loadTransformersEmbedder(
  options: TransformersOptions,
): Promise<TransformersEmbedder> {
  const modelDir = path.join(options.modelsDir, options.modelId);
  // Offline with no copy of the model, transformers.js can only fail: say so without loading it
  // and ONNX Runtime (half a second of a server's start on the default `EMBEDDER=auto`).
  if (
    !options.allowRemote &&
    !fs.existsSync(path.join(modelDir, 'config.json')) &&
    !fs.existsSync(path.join(options.modelsDir, '.cache', options.modelId))
  ) {
    throw new Error(
      `${modelDir}/config.json is missing and downloads are off (local_files_only=true).`,
    );
  }
  const { env, pipeline } = await import('@huggingface/transformers');
  const loadFeatureExtraction = pipeline as unknown as LoadFeatureExtraction;
  // transformers.js keeps these settings in one global `env`; every load sets all of them.
  env.allowLocalModels = true;
  env.localModelPath = options.modelsDir;
  env.allowRemoteModels = options.allowRemote;
  env.cacheDir = path.join(options.modelsDir, '.cache');
  const dtype = chooseDtype(modelDir);
  const profile = { ...profileFor(options.modelId), ...options.profile };
  const extractor = await loadFeatureExtraction('feature-extraction', options.modelId, {
    dtype,
    local_files_only: !options.allowRemote,
  });

  const run = async (texts: string[]): Promise<Float32Array[]> => {
    const output: Tensor = await extractor(texts, {
      pooling: profile.pooling,
      normalize: false,
    });
    const [, dims] = output.dims;
    const rows = splitRows(output.data as Float32Array, dims);
    output.dispose();
    return profile.normalize ? rows.map(normalizeInPlace) : rows;
  };
  const embed = (texts: string[], prefix: string): Promise<Float32Array[]> =>
    embedInBatches(
      texts.map((t) => prefix + t),
      (t) => t.length,
      options.batchSize,
      run,
    );

  // One probe both proves the model runs and tells its output size.
  const [probe] = await run(['dimension probe']);
  return {
    id: `hf:${options.modelId}@${dtype}:${profile.pooling}${profile.normalize ? ':norm' : ''}:${probe.length}`,
    dimensions: probe.length,
    profile,
    embedDocuments: (texts) => embed(texts, profile.passagePrefix),
    async embedQuery(text: string): Promise<Float32Array> {
      const [vector] = await embed([text], profile.queryPrefix);
      return vector;
    },
    async dispose(): Promise<void> {
      await extractor.dispose();
    },
  };
}
