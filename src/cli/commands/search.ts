import type { Command } from 'commander';
import { loadConfig } from '../../config/config.js';
import { createEmbedder } from '../../embed/index.js';
import { AppError } from '../../errors.js';
import { openKnowledgeIndex } from '../../index/knowledge-index.js';
import { createLogger } from '../../logger.js';
import { createHybridRetriever, retrieverSettings } from '../../retrieve/hybrid-retriever.js';
import type { QuotedSpan } from '../../types.js';
import { ingestProgressBar } from './ingest.js';
import type { RegisterCommand } from './index.js';

/** One search hit as printed; `quote` is exactly `sourceText.slice(start, end)`. */
export interface SearchHit extends QuotedSpan {
  section?: string;
  score: number;
}

function parseK(value: string): number {
  const k = Number(value);
  if (!Number.isInteger(k) || k < 1 || k > 1000)
    throw new AppError('VALIDATION_FAILED', '--k is a whole number from 1 to 1000.');
  return k;
}

const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** `factcheck search "<text>" [--k N] [--json]`: hybrid search over the knowledge index. */
export const registerSearch: RegisterCommand = (program: Command) => {
  program
    .command('search')
    .description('Find the passages that best match a text (builds the index first if missing).')
    .argument('<text>', 'what to look for')
    .option('--k <n>', 'number of passages', parseK, 5)
    .option('--json', 'print a JSON array of {docId,title,section,source,start,end,quote,score}')
    .action(async (text: string, options: { k: number; json?: boolean }) => {
      if (text.trim() === '') throw new AppError('VALIDATION_FAILED', 'The search text is empty.');
      const config = loadConfig();
      const logger = createLogger(config.LOG_LEVEL);
      const progress = ingestProgressBar();
      const index = await openKnowledgeIndex(config, logger, {
        embedder: await createEmbedder(config, logger),
        ownsEmbedder: true,
        onProgress: progress.onProgress,
      }).finally(progress.stop);
      try {
        const passages = await createHybridRetriever(index, retrieverSettings(config)).search(
          text,
          options.k,
        );
        const hits: SearchHit[] = [];
        for (const p of passages) {
          const quote = (await index.sourceText(p.source)).slice(p.start, p.end);
          hits.push({
            docId: p.docId,
            title: p.title,
            ...(p.section === undefined ? {} : { section: p.section }),
            source: p.source,
            start: p.start,
            end: p.end,
            quote,
            score: Number(p.score.toFixed(4)),
          });
        }
        if (options.json) {
          process.stdout.write(`${JSON.stringify(hits, null, 2)}\n`);
          return;
        }
        if (hits.length === 0) process.stdout.write('No passage matches.\n');
        hits.forEach((h, i) => {
          process.stdout.write(
            `${i + 1}. ${h.title} (score ${h.score})\n` +
              (h.section === undefined ? '' : `   section: ${oneLine(h.section)}\n`) +
              `   ${h.source} [${h.start}, ${h.end})\n` +
              `   "${oneLine(h.quote)}"\n\n`,
          );
        });
      } finally {
        await index.close();
      }
    });
};
