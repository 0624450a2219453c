import type { Config } from '../config/config.js';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Embedder } from './embedder.js';
import { loadTransformersEmbedder } from './transformers-embedder.js';
import { loadUseLiteEmbedder } from './use-lite-embedder.js';

const reasonOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** Runs a loader; any failure becomes EMBEDDER_UNAVAILABLE saying what could not load and why. */
async function loadOrRefuse(load: () => Promise<Embedder>, what: string): Promise<Embedder> {
  try {
    return await load();
  } catch (err) {
    throw new AppError('EMBEDDER_UNAVAILABLE', `${what} could not be loaded: ${reasonOf(err)}`, {
      cause: err,
    });
  }
}

function loadTransformers(config: Config): Promise<Embedder> {
  const where = config.ALLOW_REMOTE_MODELS
    ? `${config.MODELS_DIR} or the Hugging Face Hub`
    : `${config.MODELS_DIR} (downloads are off: ALLOW_REMOTE_MODELS=false)`;
  return loadOrRefuse(
    () =>
      loadTransformersEmbedder({
        modelId: config.HF_MODEL,
        modelsDir: config.MODELS_DIR,
        allowRemote: config.ALLOW_REMOTE_MODELS,
        batchSize: config.EMBED_BATCH_SIZE,
      }),
    `The transformers.js model ${config.HF_MODEL} from ${where}`,
  );
}

function loadUseLite(config: Config, logger: Logger): Promise<Embedder> {
  return loadOrRefuse(
    () =>
      loadUseLiteEmbedder({
        backend: config.USE_LITE_BACKEND,
        batchSize: config.EMBED_BATCH_SIZE,
        workers: config.USE_LITE_WORKERS,
        longText: config.USE_LITE_LONG_TEXT,
        onWorkersFailed: (err) =>
          logger.warn({ err }, 'USE-Lite worker threads failed to start; embedding on one thread'),
      }),
    'The offline USE-Lite encoder',
  );
}

/**
 * The text encoder the settings ask for. `auto` prefers the configured transformers.js model
 * and falls back to the bundled offline USE-Lite encoder, logging one line that says which and
 * why; `transformers` and `use-lite` load exactly that one or throw EMBEDDER_UNAVAILABLE.
 */
export async function createEmbedder(config: Config, logger: Logger): Promise<Embedder> {
  if (config.EMBEDDER === 'use-lite') return loadUseLite(config, logger);
  if (config.EMBEDDER === 'transformers') return loadTransformers(config);
  try {
    const embedder = await loadTransformers(config);
    logger.info({ embedder: embedder.id }, `embedder: transformers.js model ${config.HF_MODEL}`);
    return embedder;
  } catch (err) {
    const embedder = await loadUseLite(config, logger);
    logger.info(
      { embedder: embedder.id, reason: reasonOf(err) },
      `embedder: offline USE-Lite encoder, because ${config.HF_MODEL} is not available locally`,
    );
    return embedder;
  }
}
