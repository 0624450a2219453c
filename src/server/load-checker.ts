import type { Config } from '../config/config.js';
import { createEmbedder } from '../embed/create-embedder.js';
import { openKnowledgeIndex } from '../index/knowledge-index.js';
import type { Logger } from '../logger.js';
import type { Checker } from '../verdict/checker-types.js';
import { createChecker } from '../verdict/checker.js';
import type { IndexProgress } from './main.js';

/**
 * The checker `factcheck serve` uses: the index is opened here (built on first start, with
 * progress reported) and handed to the checker; closing the checker also closes the index.
 */
export async function loadServiceChecker(
  config: Config,
  logger: Logger,
  onProgress: (progress: IndexProgress) => void,
): Promise<Checker> {
  const embedder = await createEmbedder(config, logger);
  const index = await openKnowledgeIndex(config, logger, {
    embedder,
    onProgress,
    build: 'if-needed',
    ownsEmbedder: true,
  });
  const checker = await createChecker(config, logger, { index });
  return {
    ...checker,
    // The spread copies getters' values; these two are plain fields on the checker.
    passages: checker.passages,
    indexVersion: checker.indexVersion,
    async close() {
      await checker.close();
      await index.close();
    },
  };
}
