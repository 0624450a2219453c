import path from 'node:path';
import type { Command } from 'commander';
import { loadConfig, PROJECT_ROOT } from '../../config/config.js';
import { createEmbedder } from '../../embed/index.js';
import { AppError } from '../../errors.js';
import { ingestKnowledge } from '../../index/ingest-knowledge.js';
import { openKnowledgeIndex } from '../../index/knowledge-index.js';
import { createLogger } from '../../logger.js';
import {
  collectRuns,
  limitCandidates,
  readBeirQrels,
  readBeirQueries,
  scoreRuns,
  tuneDenseWeight,
  type RetrievalScores,
} from '../../retrieve/beir-eval.js';
import type { FusionSettings } from '../../retrieve/fusion.js';
import { createHybridRetriever, retrieverSettings } from '../../retrieve/hybrid-retriever.js';
import { ingestProgressBar } from './ingest.js';
import type { RegisterCommand } from './index.js';

interface EvalOptions {
  beir: string;
  data?: string;
  json?: boolean;
  tune?: boolean;
  candidates: string;
  passageChars: string;
}

function positive(value: string, name: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new AppError('VALIDATION_FAILED', `${name} is a positive whole number.`);
  return n;
}

/**
 * `factcheck eval-retrieval --beir <dir>`: nDCG@10 and recall@100 on a BEIR test split for BM25
 * alone, dense alone and the configured hybrid. The corpus is indexed once into its own data
 * folder (cached between runs). `--tune` learns the dense weight on the train split only.
 */
export const registerEvalRetrieval: RegisterCommand = (program: Command) => {
  program
    .command('eval-retrieval')
    .description('Measure retrieval (nDCG@10, recall@100) on a BEIR dataset: BM25, dense, hybrid.')
    .requiredOption('--beir <dir>', 'BEIR folder (corpus.jsonl, queries.jsonl, qrels/)')
    .option('--data <dir>', 'where its index is kept (default data/beir/<folder name>)')
    .option('--tune', 'learn the dense weight on qrels/train.tsv and report test with it')
    .option('--candidates <n>', 'passages taken from each signal per query', '1000')
    .option(
      '--passage-chars <n>',
      'passage target size; BEIR judges whole documents, so by default an abstract is one passage',
      '2000',
    )
    .option('--json', 'print the results as JSON')
    .action(async (options: EvalOptions) => {
      const beir = path.resolve(options.beir);
      const candidates = positive(options.candidates, '--candidates');
      const passageChars = positive(options.passageChars, '--passage-chars');
      const base = loadConfig();
      const config = {
        ...base,
        KNOWLEDGE_DIR: beir,
        PASSAGE_TARGET_CHARS: passageChars,
        PASSAGE_MAX_CHARS: 2 * passageChars,
        DATA_DIR: path.resolve(
          options.data ?? path.join(PROJECT_ROOT, 'data', 'beir', path.basename(beir)),
        ),
      };
      const logger = createLogger(config.LOG_LEVEL);
      const embedder = await createEmbedder(config, logger);
      const progress = ingestProgressBar();
      // Only the corpus is a document; queries.jsonl must not be indexed with it.
      await ingestKnowledge(config, logger, {
        embedder,
        paths: [path.join(beir, 'corpus.jsonl')],
        onProgress: progress.onProgress,
      }).finally(progress.stop);
      const index = await openKnowledgeIndex(config, logger, {
        embedder,
        ownsEmbedder: true,
        build: 'never',
      });
      try {
        const settings = retrieverSettings(config);
        const retriever = createHybridRetriever(index, settings);
        const queries = await readBeirQueries(beir);
        const test = await readBeirQrels(beir, 'test');
        const testRuns = await collectRuns(retriever, queries, test, candidates);
        // Search fuses RETRIEVE_CANDIDATES per signal; the single signals use all candidates.
        const productRuns = limitCandidates(testRuns, settings.candidates);
        const score = (fusion: FusionSettings, runs = testRuns): RetrievalScores =>
          scoreRuns(runs, index.passages, test, fusion);
        const results: Record<string, RetrievalScores & { denseWeight?: number }> = {
          bm25: score({ ...settings, method: 'interpolate', denseWeight: 0 }),
          dense: score({ ...settings, method: 'interpolate', denseWeight: 1 }),
          hybrid: { ...score(settings, productRuns), denseWeight: settings.denseWeight },
        };
        const learned: Record<string, { denseWeight: number; trainNdcg10: number }> = {};
        if (options.tune) {
          const train = await readBeirQrels(beir, 'train');
          const trainRuns = limitCandidates(
            await collectRuns(retriever, queries, train, candidates),
            settings.candidates,
          );
          for (const method of ['interpolate', 'rrf'] as const) {
            const best = tuneDenseWeight(trainRuns, index.passages, train, { ...settings, method });
            learned[method] = { denseWeight: best.denseWeight, trainNdcg10: best.ndcg10 };
            results[`hybrid-${method}-tuned`] = {
              ...score({ ...settings, method, denseWeight: best.denseWeight }, productRuns),
              denseWeight: best.denseWeight,
            };
          }
        }
        const report = {
          dataset: path.basename(beir),
          embedder: index.embedder.id,
          passages: index.size,
          fusion: settings.method,
          results,
          ...(options.tune ? { learnedOnTrain: learned } : {}),
        };
        if (options.json) {
          process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
          return;
        }
        process.stdout.write(
          `${report.dataset}: ${report.passages} passages, ${report.embedder}, test queries ${results.bm25?.queries}\n` +
            `signal                        nDCG@10  recall@100\n`,
        );
        for (const [name, r] of Object.entries(results))
          process.stdout.write(
            `${(name + (r.denseWeight === undefined ? '' : ` (w=${r.denseWeight})`)).padEnd(30)}` +
              `${r.ndcg10.toFixed(4).padStart(7)}  ${r.recall100.toFixed(4).padStart(10)}\n`,
          );
        for (const [method, l] of Object.entries(learned))
          process.stdout.write(
            `learned on train (${method}): dense weight ${l.denseWeight}, train nDCG@10 ${l.trainNdcg10.toFixed(4)}\n`,
          );
      } finally {
        await index.close();
      }
    });
};
