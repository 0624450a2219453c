/**
 * Stance on HealthVer dev (1,917 claim / evidence pairs, Supports / Refutes / Neutral):
 * - the shipped verdict model as it is (never fitted on HealthVer: a zero-shot figure);
 * - the same features refitted on HealthVer, cross-validated by claim (5 folds: no claim's
 *   pairs are both fitted and scored).
 * Usage: npx tsx bench/stance.bench.ts [../shared/datasets]
 */
import path from 'node:path';
import { loadConfig, PROJECT_ROOT } from '../src/config/config.js';
import { createLogger } from '../src/logger.js';
import { createChecker } from '../src/verdict/checker.js';
import { healthVerPairs } from '../src/verdict/model/datasets.js';
import { featureArray } from '../src/verdict/model/features.js';
import { cvReport } from '../src/verdict/model/report.js';
import { CLASSES, loadVerdictModel } from '../src/verdict/model/verdict-model.js';
import {
  DEFAULT_TRAIN,
  calibrateFolds,
  leaveArticlesOut,
  type Sample,
} from '../src/verdict/model/train.js';

const FOLDS = 5;
const datasets = path.resolve(
  process.argv[2] ?? path.join(PROJECT_ROOT, '..', 'shared', 'datasets'),
);
const pairs = await healthVerPairs(path.join(datasets, 'healthver', 'healthver_dev.csv'));
const config = loadConfig();
const checker = await createChecker(config, createLogger('warn'));
const model = loadVerdictModel(config.VERDICT_MODEL);

const claims = [...new Set(pairs.map((p) => p.group))];
const foldOf = new Map(claims.map((c, i) => [c, `fold${i % FOLDS}`]));
const samples: Sample[] = [];
let shippedRight = 0;
const started = performance.now();
for (const p of pairs) {
  // One judgement per pair: the shipped model's stance is read from the same features.
  const f = await checker.pairFeatures(p.claim, p.evidence);
  const probabilities = model.probabilities(f.features);
  if (CLASSES[probabilities.indexOf(Math.max(...probabilities))] === p.label) shippedRight++;
  samples.push({
    id: p.id,
    x: featureArray(f.features),
    label: p.label,
    source: 'own',
    group: foldOf.get(p.group)!,
  });
}
const perPair = (performance.now() - started) / pairs.length;
await checker.close();

const report = cvReport(calibrateFolds(leaveArticlesOut(samples, DEFAULT_TRAIN)));
console.log(`HealthVer dev: ${pairs.length} pairs over ${claims.length} claims`);
console.log(`| model | accuracy | macro-F1 |`);
console.log(`|---|---|---|`);
console.log(
  `| shipped verdict model (never fitted on HealthVer) | ${(shippedRight / pairs.length).toFixed(3)} | |`,
);
console.log(
  `| hand-set rules | ${report.rules.accuracy.toFixed(3)} | ${report.rules.macroF1.toFixed(3)} |`,
);
console.log(
  `| refitted on HealthVer, ${FOLDS}-fold by claim | ${report.accuracy.toFixed(3)} | ${report.macroF1.toFixed(3)} |`,
);
console.log(
  `confusion (rows gold SUP/REF/NEI): ${report.confusion.map((r) => r.join('/')).join('; ')}`,
);
console.log(`stance latency: ${perPair.toFixed(1)} ms per pair (mean)`);
