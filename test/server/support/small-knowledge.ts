import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../../../src/config/config.js';
import { createEmbedder } from '../../../src/embed/index.js';
import { ingestKnowledge } from '../../../src/index/ingest-knowledge.js';
import { createLogger } from '../../../src/logger.js';
import { serviceCheckerLoader } from '../../../src/server/load-checker.js';
import type { Checker } from '../../../src/verdict/checker-types.js';
import { tempDir, testConfig } from './real-checker.js';

/**
 * A knowledge folder of its own (a few small documents, indexed in seconds) for tests that
 * change the knowledge while a server answers: uploads, removals, reloading the index.
 */
export interface SmallKnowledge {
  dir: string;
  knowledgeDir: string;
  config: Config;
  /** Writes (or, with `undefined`, removes) a document under the knowledge folder. */
  write(name: string, text: string | undefined): void;
  /** Ingests the knowledge folder as `factcheck ingest` does. */
  ingest(): Promise<void>;
  /** A fresh checker over the index on disk, as `factcheck serve` loads it (builds if needed). */
  load(): Promise<Checker>;
  remove(): void;
}

export function smallKnowledge(
  docs: Record<string, string>,
  overrides: Partial<Config> = {},
): SmallKnowledge {
  const dir = tempDir('factcheck-knowledge-');
  const knowledgeDir = path.join(dir, 'knowledge');
  fs.mkdirSync(knowledgeDir);
  const config = testConfig(path.join(dir, 'data'), { KNOWLEDGE_DIR: knowledgeDir, ...overrides });
  const logger = createLogger('silent');
  const write = (name: string, text: string | undefined) => {
    const file = path.join(knowledgeDir, name);
    if (text === undefined) fs.rmSync(file, { force: true });
    else {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, text);
    }
  };
  for (const [name, text] of Object.entries(docs)) write(name, text);
  const loader = serviceCheckerLoader(config, logger);
  return {
    dir,
    knowledgeDir,
    config,
    write,
    async ingest() {
      const embedder = await createEmbedder(config, logger);
      try {
        await ingestKnowledge(config, logger, { embedder });
      } finally {
        await embedder.dispose();
      }
    },
    load: () => loader(() => undefined),
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** Two short articles the small knowledge folders start from. */
export const WALKING_DOC = `# Walking and blood pressure

A brisk thirty-minute walk on most days lowers blood pressure in adults, according to several trials.

## Shoes

Walking shoes do not need to be expensive; comfort matters more than price.
`;

export const TEA_DOC = `# Tea and colds

Drinking tea does not cure the common cold. Doctors say rest and fluids help people feel better.

## What helps

Warm drinks soothe a sore throat, but no drink shortens a cold.
`;
