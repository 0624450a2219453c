// Over 350 lines: the train command reads as one flow (samples, cache, cross-validation, report).
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { loadConfig, PROJECT_ROOT, type Config } from '../../config/config.js';
import { AppError } from '../../errors.js';
import type { Verdict } from '../../types.js';
import type { Checker, ClaimFeatures } from '../../verdict/checker-types.js';
import type { LabeledClaim } from '../../verdict/eval/metrics.js';
import { reliabilityDiagramPng } from '../../verdict/eval/reliability-diagram.js';
import { publicPairs, type LabeledPair } from '../../verdict/model/datasets.js';
import { featureArray } from '../../verdict/model/features.js';
import { cvReport, formatCvReport, type CvReport } from '../../verdict/model/report.js';
import { generateClaims } from '../../verdict/model/synthetic.js';
import {
  DEFAULT_TRAIN,
  calibrateFolds,
  calibration,
  fitModel,
  labeledLogits,
  leaveArticlesOut,
  scoreSamples,
  type Sample,
  type SetScore,
  type TrainOptions,
} from '../../verdict/model/train.js';
import { CLASSES } from '../../verdict/model/verdict-model.js';
import { openChecker } from './check.js';
import { parseLabeled } from './eval.js';
import type { RegisterCommand } from './index.js';

/** Writes an output file, making its folder first (test-artifacts/ on a fresh clone). */
async function writeOutput(file: string, data: string | Uint8Array): Promise<void> {
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  await writeFile(file, data);
}

/** A written claim of the training set: dev.jsonl's format plus the article it is about. */
type OwnClaim = LabeledClaim & { article: string; phenomenon?: string };

/** The written claims of every file, read as `factcheck eval` reads a labeled file. */
async function readOwnClaims(files: string[]): Promise<OwnClaim[]> {
  const out: OwnClaim[] = [];
  for (const file of files) {
    const text = await readFile(file, 'utf8').catch((err: unknown) => {
      throw new AppError('SOURCE_NOT_FOUND', `Cannot read ${file}.`, { cause: err });
    });
    let claims: LabeledClaim[];
    try {
      claims = parseLabeled(text);
    } catch (err) {
      // Name the file: several are read in one run.
      if (err instanceof AppError) throw new AppError(err.code, `${file}: ${err.message}`);
      throw err;
    }
    // parseLabeled keeps every field of a line; `article` and `phenomenon` are this set's own.
    for (const c of claims as (LabeledClaim & Partial<OwnClaim>)[])
      out.push({ ...c, article: c.article ?? file });
  }
  return out;
}

/** Feature vectors are slow to compute and depend only on the index and the text: cache them. */
class FeatureCache {
  private entries: Record<string, ClaimFeatures[]> = {};
  private dirty = false;
  constructor(
    private readonly file: string,
    private readonly version: string,
  ) {}
  async load(): Promise<void> {
    try {
      const saved = JSON.parse(await readFile(this.file, 'utf8')) as {
        version: string;
        entries: Record<string, ClaimFeatures[]>;
      };
      if (saved.version === this.version) this.entries = saved.entries;
    } catch {
      // No cache yet, or an unreadable one: start empty.
    }
  }
  async get(key: string, make: () => Promise<ClaimFeatures[]>): Promise<ClaimFeatures[]> {
    const k = createHash('sha256').update(key).digest('hex').slice(0, 32);
    const hit = this.entries[k];
    if (hit) return hit;
    const made = await make();
    this.entries[k] = made;
    this.dirty = true;
    return made;
  }
  async save(): Promise<void> {
    if (!this.dirty) return;
    await mkdir(path.dirname(this.file), { recursive: true });
    await writeFile(this.file, JSON.stringify({ version: this.version, entries: this.entries }));
  }
}

/** Verdict files that fit and report the model but never change a feature: edits keep the cache. */
const FITTING_ONLY = new Set(['model/train', 'model/softmax', 'model/report', 'model/random']);

/**
 * The verdict code that computes the features: the compiled files beside this one (or the
 * sources, run through tsx). Hashing the sources instead let a build older than them store its
 * features under their hash, reused by every later run until the sources changed again.
 */
const VERDICT_CODE = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'verdict');

/**
 * Features change with the verdict code as well as the index: the cache is keyed by a hash of
 * the code that runs (the package version when it cannot be read).
 */
export async function verdictCodeHash(root = VERDICT_CODE): Promise<string> {
  const hash = createHash('sha256');
  const code = /\.(?:js|ts)$/;
  try {
    const files = (await readdir(root, { recursive: true }))
      .map((f) => f.split(path.sep).join('/'))
      .filter((f) => code.test(f) && !f.endsWith('.d.ts') && !FITTING_ONLY.has(f.replace(code, '')))
      .sort();
    for (const f of files) hash.update(f).update(await readFile(path.join(root, f)));
  } catch {
    hash.update(await readFile(path.join(PROJECT_ROOT, 'package.json')));
  }
  return hash.digest('hex').slice(0, 16);
}

/** The part of a message the label speaks to: its longest claim (asides are short). */
function mainPart(parts: ClaimFeatures[]): ClaimFeatures {
  return parts.reduce((a, b) => (b.text.length > a.text.length ? b : a));
}

/** A whole number from 1 up, refused with CONFIG_INVALID otherwise ("0", "2.5", "many"). */
function positiveInteger(value: string, option: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new AppError('CONFIG_INVALID', `${option}: not a whole number from 1 up: ${value}`);
  return n;
}

/** A weight option's value: a number from 0 up, or CONFIG_INVALID. */
function weight(value: string | undefined, option: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0)
    throw new AppError('CONFIG_INVALID', `${option}: not a number from 0 up: ${value}`);
  return n;
}

/**
 * What a document set's claim counts against a seed claim. Leave-articles-out, seed 1: at 1 the
 * seed claims lost 0.019 and two sets never fitted on gained 0.063; at 0.5 they lost 0.012 and the
 * two sets gained 0.073; at 0.25 -0.009 and +0.073 (the sets' own held-out folds 0.658 / 0.647 /
 * 0.644 against 0.633 for a fit on the seed claims alone).
 */
const DOCUMENT_SET_WEIGHT = 0.5;

/** The labels `--synthetic-labels` names, refused with CONFIG_INVALID when one is not a label. */
function syntheticLabels(names: string[]): Verdict[] {
  const bad = names.filter((n) => !(CLASSES as readonly string[]).includes(n));
  if (bad.length > 0)
    throw new AppError('CONFIG_INVALID', `--synthetic-labels: not a label: ${bad.join(', ')}`);
  return names as Verdict[];
}

interface TrainArgs {
  claims: string[];
  documentSets?: string[];
  scoreSets?: string[];
  articles?: string;
  public?: string;
  publicLimit: string;
  synthetic: string;
  syntheticLabels?: string[];
  seed: string;
  out?: string;
  report?: string;
  diagram?: string;
  ablations?: boolean;
  predictions?: string;
  freeWeights?: boolean;
  bags: string;
  weightSynthetic?: string;
  weightPublic?: string;
  weightDocumentSets?: string;
  holdOutSets?: boolean;
  json?: boolean;
}

const progress = (what: string, done: number, total: number) => {
  if (done % 50 === 0 || done === total) process.stderr.write(`\r${what} ${done}/${total}   `);
  if (done === total) process.stderr.write('\n');
};

/** Written claims as samples, each checked against the checker's knowledge; `set` names its folds. */
async function ownSamples(
  own: OwnClaim[],
  checker: Checker,
  cache: FeatureCache,
  set = '',
): Promise<Sample[]> {
  const samples: Sample[] = [];
  for (const [i, c] of own.entries()) {
    const parts = await cache.get(`own\u0000${c.claim}`, () => checker.features(c.claim));
    samples.push({
      id: c.id,
      x: featureArray(mainPart(parts).features),
      label: c.label,
      source: 'own',
      group: set ? `${set}/${c.article}` : c.article,
      ...(c.lang ? { lang: c.lang } : {}),
      ...(c.style ? { style: c.style } : {}),
      ...(c.phenomenon ? { phenomenon: c.phenomenon } : {}),
    });
    progress(set ? `${set} claims` : 'own claims', i + 1, own.length);
  }
  return samples;
}

/**
 * The written claims of a document set (a folder with `knowledge/` and `claims.jsonl`), each
 * checked against that set's own documents, indexed under DATA_DIR/document-sets/<name>. Its
 * articles are folds of their own: nothing fitted has seen the documents a claim is scored on.
 */
async function documentSetSamples(dir: string, config: Config, code: string): Promise<Sample[]> {
  const name = path.basename(path.resolve(dir));
  const setConfig: Config = {
    ...config,
    KNOWLEDGE_DIR: path.join(dir, 'knowledge'),
    DATA_DIR: path.join(config.DATA_DIR, 'document-sets', name),
  };
  const claims = await readOwnClaims([path.join(dir, 'claims.jsonl')]);
  const checker = await openChecker(setConfig);
  const cache = new FeatureCache(
    path.join(setConfig.DATA_DIR, 'train-features.json'),
    `${checker.indexVersion}:${code}`,
  );
  await cache.load();
  try {
    return await ownSamples(claims, checker, cache, name);
  } finally {
    await cache.save();
    await checker.close();
  }
}

async function collectSamples(
  checker: Checker,
  args: TrainArgs,
  cache: FeatureCache,
  knowledgeDir: string,
) {
  const samples = await ownSamples(await readOwnClaims(args.claims), checker, cache);
  const unitOf = args.articles
    ? await articleUnits(args.articles, checker, knowledgeDir)
    : undefined;
  const generated = generateClaims(checker.passages, {
    count: Number(args.synthetic),
    seed: Number(args.seed),
    ...(args.syntheticLabels ? { labels: syntheticLabels(args.syntheticLabels) } : {}),
  });
  for (const [i, g] of generated.entries()) {
    const parts = await cache.get(`syn\u0000${g.claim}`, () => checker.features(g.claim));
    samples.push({
      id: `syn-${i}`,
      x: featureArray(mainPart(parts).features),
      label: g.label,
      source: 'synthetic',
      group: unitOf?.(g.docId) ?? g.docId,
      phenomenon: g.kind,
    });
    progress('synthetic claims', i + 1, generated.length);
  }
  if (args.public) {
    const pairs: LabeledPair[] = await publicPairs(args.public, {
      limit: Number(args.publicLimit),
      seed: Number(args.seed),
    });
    for (const [i, p] of pairs.entries()) {
      const parts = await cache.get(`pair\u0000${p.claim}\u0000${p.evidence}`, async () => [
        await checker.pairFeatures(p.claim, p.evidence),
      ]);
      samples.push({
        id: p.id,
        x: featureArray(parts[0]!.features),
        label: p.label,
        source: 'public',
        group: `public:${p.dataset}:${p.group}`,
        phenomenon: p.dataset,
      });
      progress('public pairs', i + 1, pairs.length);
    }
  }
  return samples;
}

/**
 * Maps a document to its article unit (eval/articles.json: file and 1-based line range), so
 * generated claims from an article are held out with the written claims about it.
 */
async function articleUnits(
  file: string,
  checker: Checker,
  knowledgeDir: string,
): Promise<(docId: string) => string | undefined> {
  const spec = JSON.parse(await readFile(file, 'utf8')) as {
    units: { id: string; file: string; lines: [number, number] }[];
  };
  const docs = new Map<string, { source: string; start: number }>();
  for (const p of checker.passages) if (p && !docs.has(p.docId)) docs.set(p.docId, p);
  const lineStarts = new Map<string, number[]>();
  const unitOfDoc = new Map<string, string>();
  for (const [docId, p] of docs) {
    for (const u of spec.units) {
      if (!p.source.endsWith(u.file)) continue;
      let starts = lineStarts.get(p.source);
      if (!starts) {
        const text = await readFile(path.join(knowledgeDir, p.source), 'utf8');
        starts = [0];
        for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
        lineStarts.set(p.source, starts);
      }
      const from = starts[u.lines[0] - 1] ?? Infinity;
      const to = starts[u.lines[1]] ?? Infinity;
      if (p.start >= from && p.start < to) unitOfDoc.set(docId, u.id);
    }
  }
  return (docId) => unitOfDoc.get(docId);
}

function crossValidate(samples: Sample[], opts: TrainOptions): CvReport {
  return cvReport(calibrateFolds(leaveArticlesOut(samples, opts)));
}

/** Each feature group and each training source switched off in turn. */
function ablations(
  samples: Sample[],
  base: TrainOptions,
): Record<string, { accuracy: number; macroF1: number }> {
  const out: Record<string, { accuracy: number; macroF1: number }> = {};
  const run = (name: string, opts: TrainOptions) => {
    const r = crossValidate(samples, opts);
    out[name] = { accuracy: r.accuracy, macroF1: r.macroF1 };
    process.stderr.write(`ablation ${name}: accuracy ${r.accuracy} macro-F1 ${r.macroF1}\n`);
  };
  for (const g of base.groups)
    run(`without features:${g}`, {
      ...base,
      groups: base.groups.filter((x) => x !== g),
    });
  // Sources: each outside source added to the written claims at a tenth of their weight.
  for (const s of ['synthetic', 'public'] as const)
    run(`with source:${s}`, { ...base, sourceWeight: { ...base.sourceWeight, [s]: 0.1 } });
  run('only source:own', { ...base, sourceWeight: { own: 1, synthetic: 0, public: 0 } });
  return out;
}

/** Lines of the text report for the document sets the fitted model read without fitting on them. */
function formatSetScores(scored: Record<string, SetScore>): string {
  return Object.entries(scored)
    .map(([name, s]) => {
      const langs = Object.entries(s.byLang)
        .map(([lang, l]) => `${lang} ${l.accuracy} (${l.claims})`)
        .join(', ');
      return `\ndocument set ${name}, never fitted on: accuracy ${s.accuracy}, macro-F1 ${s.macroF1} (${s.claims} claims; ${langs})`;
    })
    .join('');
}

async function train(args: TrainArgs): Promise<void> {
  if (args.syntheticLabels) syntheticLabels(args.syntheticLabels);
  // Options are read before the minutes of reading claims, so a bad one fails at once.
  const setWeight = weight(args.weightDocumentSets, '--weight-document-sets', DOCUMENT_SET_WEIGHT);
  const options: TrainOptions = {
    ...DEFAULT_TRAIN,
    keepDirections: !args.freeWeights,
    bags: positiveInteger(args.bags, '--bags'),
    sourceWeight: {
      own: 1,
      synthetic: weight(
        args.weightSynthetic,
        '--weight-synthetic',
        DEFAULT_TRAIN.sourceWeight.synthetic,
      ),
      public: weight(args.weightPublic, '--weight-public', DEFAULT_TRAIN.sourceWeight.public),
    },
  };
  // A set fitted on says nothing of documents nobody fitted on.
  const both = (args.scoreSets ?? []).filter((d) =>
    (args.documentSets ?? []).some((f) => path.resolve(f) === path.resolve(d)),
  );
  if (both.length > 0)
    throw new AppError(
      'CONFIG_INVALID',
      `--score-sets: fitted on with --document-sets too: ${both.join(', ')}`,
    );
  // Features do not depend on the model: read them with the rules alone (no model file needed).
  const config = { ...loadConfig(), VERDICT_MODEL: 'rules' };
  // Read once: it hashes every file of the verdict code, and each set's cache is keyed by it too.
  const code = await verdictCodeHash();
  const checker = await openChecker(config);
  const cache = new FeatureCache(
    path.join(config.DATA_DIR, 'train-features.json'),
    `${checker.indexVersion}:${code}`,
  );
  await cache.load();
  let samples: Sample[];
  try {
    samples = await collectSamples(checker, args, cache, config.KNOWLEDGE_DIR);
  } finally {
    await cache.save();
    await checker.close();
  }
  for (const dir of args.documentSets ?? []) {
    // A set held out whole is one fold: its documents and its writer both unseen by its fit.
    const whole = args.holdOutSets ? { group: path.basename(path.resolve(dir)) } : {};
    for (const s of await documentSetSamples(dir, config, code))
      samples.push({ ...s, weight: setWeight, ...whole });
  }
  const counts = Object.fromEntries(
    (['own', 'synthetic', 'public'] as const).map((s) => [
      s,
      Object.fromEntries(
        CLASSES.map((c) => [c, samples.filter((x) => x.source === s && x.label === c).length]),
      ),
    ]),
  );
  process.stderr.write(`training examples: ${JSON.stringify(counts)}\n`);

  const held = leaveArticlesOut(samples, options);
  const calibrated = calibrateFolds(held);
  const report = cvReport(calibrated);
  if (args.predictions)
    await writeOutput(
      args.predictions,
      calibrated
        .map((c) =>
          JSON.stringify({
            id: c.sample.id,
            // The fold it was held out in: a set's claim ids may repeat another set's.
            fold: c.sample.group,
            label: c.sample.label,
            predicted: c.predicted,
            probabilities: c.probabilities.map((p) => Math.round(p * 1000) / 1000),
            lang: c.sample.lang,
            style: c.sample.style,
            phenomenon: c.sample.phenomenon,
          }),
        )
        .join('\n') + '\n',
    );
  // The model as shipped: fitted on every sample, its bias and temperature from the held-out folds.
  const shipped =
    args.out || args.scoreSets
      ? { file: fitModel(samples, options), fitted: calibration(labeledLogits(held)) }
      : undefined;
  const scored: Record<string, SetScore> = {};
  if (shipped)
    for (const dir of args.scoreSets ?? [])
      scored[path.basename(path.resolve(dir))] = scoreSamples(
        shipped.file,
        shipped.fitted,
        await documentSetSamples(dir, config, code),
      );
  const extra = {
    ...(args.ablations ? { ablations: ablations(samples, options) } : {}),
    ...(args.scoreSets ? { documentSets: scored } : {}),
  };
  process.stdout.write(
    args.json
      ? JSON.stringify({ ...report, ...extra }, null, 2) + '\n'
      : formatCvReport(report) + formatSetScores(scored) + '\n',
  );
  if (args.report)
    await writeOutput(args.report, JSON.stringify({ counts, ...report, ...extra }, null, 2) + '\n');
  if (args.diagram)
    await writeOutput(args.diagram, reliabilityDiagramPng(report.bins, { ece: report.ece }));
  if (!args.out || !shipped) return;
  const { file, fitted } = shipped;
  await writeOutput(
    args.out,
    JSON.stringify(
      {
        ...file,
        ...fitted,
        meta: {
          seed: Number(args.seed),
          counts,
          options,
          ...(args.documentSets
            ? {
                documentSets: {
                  weight: setWeight,
                  sets: args.documentSets.map((d) => path.basename(path.resolve(d))),
                },
              }
            : {}),
          crossValidated: { accuracy: report.accuracy, macroF1: report.macroF1, ece: report.ece },
        },
      },
      null,
      1,
    ) + '\n',
  );
  process.stderr.write(`model written to ${args.out}\n`);
}

/** `factcheck train`: fits the verdict model and reports leave-articles-out cross-validation. */
export const registerTrain: RegisterCommand = (program: Command) => {
  program
    .command('train')
    .description(
      'Fit the verdict model on written claims, generated claims and public stance data; report leave-articles-out cross-validation.',
    )
    .option('--claims <files...>', 'labeled claims (JSON lines with an "article" field)', [])
    .option(
      '--document-sets <dirs...>',
      'folders of documents with claims written about them (knowledge/ and claims.jsonl), each claim checked against its own documents',
    )
    .option(
      '--articles <file>',
      'article units of the knowledge files (eval/articles.json), to hold generated claims out with their article',
    )
    .option('--public <dir>', 'public stance datasets folder (HealthVer, COVID-Fact, SciFact)')
    .option('--public-limit <n>', 'at most this many public pairs', '3000')
    .option('--synthetic <n>', 'claims generated from the loaded knowledge', '0')
    .option(
      '--synthetic-labels <labels...>',
      'generate these labels only (e.g. SUPPORTED: restatements of the knowledge)',
    )
    .option('--seed <n>', 'seed for generation and sampling', '1')
    .option(
      '--out <file>',
      'write the fitted model here (e.g. src/verdict/model/verdict-model.json)',
    )
    .option(
      '--score-sets <dirs...>',
      'document sets (knowledge/ and claims.jsonl) the fitted model reads without fitting on them: accuracy per set and language',
    )
    .option('--report <file>', 'write the cross-validation report as JSON')
    .option('--diagram <png>', 'write the cross-validated reliability diagram')
    .option('--free-weights', 'drop the kept feature directions (to measure what they cost)')
    .option(
      '--bags <n>',
      'average this many fits on bootstrap draws of the articles',
      String(DEFAULT_TRAIN.bags),
    )
    .option('--weight-synthetic <w>', 'total weight of generated claims relative to written ones')
    .option('--weight-public <w>', 'total weight of public pairs relative to written claims')
    .option(
      '--weight-document-sets <w>',
      `what a document set's claim counts against a written claim of --claims (${DOCUMENT_SET_WEIGHT})`,
    )
    .option(
      '--hold-out-sets',
      'cross-validate each --document-sets set as one fold (not article by article)',
    )
    .option('--predictions <file>', "write each held-out claim's prediction as JSON lines")
    .option('--ablations', 'also cross-validate with each feature group and source switched off')
    .option('--json', 'print the report as JSON')
    .action(train);
};
