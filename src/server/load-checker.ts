import type { Config } from '../config/config.js';
import { createEmbedder } from '../embed/create-embedder.js';
import type { Embedder } from '../embed/embedder.js';
import { openKnowledgeIndex } from '../index/knowledge-index.js';
import type { Logger } from '../logger.js';
import type { Checker } from '../verdict/checker-types.js';
import { createChecker } from '../verdict/checker.js';
import type { IndexProgress } from './main.js';
import { startCheckPool } from './pool/check-pool.js';

/** Loads a checker over the index on disk (built when missing), reporting building progress. */
export type ServiceCheckerLoader = (
  onProgress: (progress: IndexProgress) => void,
) => Promise<Checker>;

/**
 * The checkers `factcheck serve` uses: each call loads the index as it is on disk now. With
 * CHECK_WORKERS above 1 that is a pool of worker threads, each with its own encoder and index (a
 * start serves from the first worker loaded; a reload starts a new pool, warmed up before it
 * serves; the gate retires the old one once its checks are answered). With 1 it is a checker on
 * this thread (`inProcessLoader`).
 */
export function serviceCheckerLoader(config: Config, logger: Logger): ServiceCheckerLoader {
  if (config.CHECK_WORKERS <= 1) return inProcessLoader(config, logger);
  let loads = 0;
  return (onProgress) => {
    // A start serves from its first worker (nothing else serves meanwhile); a reload starts a
    // whole warm pool while the old one serves.
    const isStart = loads++ === 0;
    return startCheckPool(config, logger, {
      size: config.CHECK_WORKERS,
      onProgress,
      warm: !isStart,
      serveFromFirst: isStart,
    });
  };
}

/**
 * Checkers on this thread: each call opens the index as it is on disk now and hands it to a new
 * checker; closing a checker also closes its index. The checkers share one encoder (the model
 * loads once, and a reload after an upload does not grow the wasm heap); it is disposed when the
 * last checker closes.
 */
function inProcessLoader(config: Config, logger: Logger): ServiceCheckerLoader {
  let embedder: Promise<Embedder> | undefined;
  let open = 0;
  const release = async () => {
    if (--open > 0 || !embedder) return;
    const done = embedder;
    embedder = undefined;
    await (await done).dispose();
  };
  return async (onProgress) => {
    embedder ??= createEmbedder(config, logger);
    open++;
    try {
      const index = await openKnowledgeIndex(config, logger, {
        embedder: await embedder,
        onProgress,
        build: 'if-needed',
        ownsEmbedder: false,
      });
      const checker = await createChecker(config, logger, { index }).catch(async (err: unknown) => {
        await index.close();
        throw err;
      });
      return {
        ...checker,
        // The spread copies getters' values; these two are plain fields on the checker.
        passages: checker.passages,
        indexVersion: checker.indexVersion,
        async close() {
          await checker.close();
          await index.close();
          await release();
        },
      };
    } catch (err) {
      await release();
      throw err;
    }
  };
}

/** One checker with its own encoder (the CLI's `serve` keeps a loader for reloads instead). */
export function loadServiceChecker(
  config: Config,
  logger: Logger,
  onProgress: (progress: IndexProgress) => void,
): Promise<Checker> {
  return serviceCheckerLoader(config, logger)(onProgress);
}
