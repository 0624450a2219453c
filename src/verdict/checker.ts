import type { Config } from '../config/config.js';
import type { Embedder } from '../embed/embedder.js';
import { createEmbedder } from '../embed/index.js';
import { AppError } from '../errors.js';
import { openKnowledgeIndex, type KnowledgeIndex } from '../index/knowledge-index.js';
import type { Logger } from '../logger.js';
import { createHybridRetriever, retrieverSettings } from '../retrieve/hybrid-retriever.js';
import type { CheckResult, Passage, ScoredPassage } from '../types.js';
import type {
  CheckOptions,
  CheckStage,
  CheckTrace,
  Checker,
  ClaimFeatures,
  TracedCheckResult,
} from './checker-types.js';
import { combineVerdicts } from './combine.js';
import { composeAnswer } from './compose/answer.js';
import { combinedConfidence, confidenceOf } from './confidence.js';
import { buildSentenceStore, type SentenceStore } from './evidence/sentence-store.js';
import { loadWordNet, type WordNet } from './lexicon/wordnet.js';
import { normalizeMessage } from './normalize/index.js';
import type { Lang } from './normalize/language.js';
import { judgeClaim, prepareClaim, type ClaimCheck, type RetrievedPassage } from './pipeline.js';
import { judgeSettings } from './settings.js';
import { findSourceContext } from './source-context.js';
import { claimFeatures, decide, type EntailmentVote } from './model/decide.js';
import { loadVerdictModel } from './model/verdict-model.js';
import { pairStore, STANCE_OF, type PairStance } from './pair/pair-stance.js';
import { loadChineseTools } from './zh/dictionary.js';
import { englishReading } from './zh/translate.js';

export interface CreateCheckerOptions {
  /** An index already open (tests, the server sharing one); the checker then does not close it. */
  index?: KnowledgeIndex;
  /** The encoder to open the index with (default: `createEmbedder`, per the EMBEDDER setting). */
  embedder?: Embedder;
  /** Build the index when missing or stale (default), or refuse with INDEX_NOT_READY. */
  build?: 'if-needed' | 'never';
}

export type { Checker, CheckOptions, CheckStage, SourceContext } from './checker-types.js';

const now = (): number => performance.now();
type Timings = Record<CheckStage, number>;
const noTimings = (): Timings => ({ normalize: 0, retrieve: 0, rerank: 0, stance: 0, compose: 0 });
/** Sentences the cross-encoder rescores per claim, and the weight of its score in relevance. */
const CROSS_ENCODER_CANDIDATES = 16;
const CROSS_ENCODER_WEIGHT = 0.3;
/** Best evidence sentences the NLI model reads; the most decided reading counts. */
const NLI_PREMISES = 3;

/** Loads the index and the lexical resources once; the checker then answers many claims. */
export async function createChecker(
  config: Config,
  logger: Logger,
  opts: CreateCheckerOptions = {},
): Promise<Checker> {
  let index = opts.index;
  const ownsIndex = index === undefined;
  if (!index) {
    const embedder = opts.embedder ?? (await createEmbedder(config, logger));
    index = await openKnowledgeIndex(config, logger, {
      embedder,
      build: opts.build ?? 'if-needed',
      ownsEmbedder: opts.embedder === undefined,
    });
  }
  const kb = index;
  const store = buildSentenceStore(kb.passages);
  // WordNet (about a second) and CC-CEDICT (seconds, on the event loop) load with the first claim
  // that needs them, so that a restart is ready in a moment.
  let wordnet: WordNet | undefined;
  const lexicon = (): WordNet | undefined =>
    config.QUERY_EXPANSION === 'wordnet' ? (wordnet ??= loadWordNet()) : undefined;
  let zhTools: ReturnType<typeof loadChineseTools> | undefined;
  const chineseTools = () => {
    if (!zhTools) {
      zhTools = loadChineseTools();
      zhTools.catch((err: unknown) => logger.error({ err }, 'Chinese dictionary failed to load'));
    }
    return zhTools;
  };
  // English claims read a Chinese text through its English rendering (the dictionary's, as a
  // Chinese claim is read against English texts): built once, with the first English claim.
  let englishStore: Promise<SentenceStore> | undefined;
  const storeFor = async (lang: Lang): Promise<SentenceStore> => {
    if (lang === 'zh' || !store.hasChinese) return store;
    englishStore ??= chineseTools().then(
      (zh) => buildSentenceStore(kb.passages, (text) => englishReading(text, zh)),
      // Without the dictionary (logged where it failed) the Chinese texts say nothing to them.
      () => store,
    );
    return englishStore;
  };
  const retriever = createHybridRetriever(kb, retrieverSettings(config));
  const settings = judgeSettings(config);
  const model =
    config.VERDICT_MODEL === 'rules' ? undefined : loadVerdictModel(config.VERDICT_MODEL);
  // transformers.js (with ONNX Runtime) is imported only for a cross-encoder or an NLI model.
  const crossEncoder =
    config.RERANKER === 'cross-encoder'
      ? await (await import('./transformers/cross-encoder.js')).loadCrossEncoder(config, logger)
      : undefined;
  // An NLI model, when the deployment has one, reads the best evidence of English claims (each
  // worker thread of a check pool loads its own).
  const nli = config.NLI_MODEL
    ? await (await import('./transformers/entailment-model.js')).loadEntailmentModel(config, logger)
    : undefined;
  logger.info({ sentences: store.sentences.length, indexVersion: kb.version }, 'checker ready');

  function assertClaim(claimText: string): void {
    if (typeof claimText !== 'string' || claimText.trim() === '') throw new AppError('CLAIM_EMPTY');
    if ([...claimText].length > config.MAX_CLAIM_LENGTH)
      throw new AppError(
        'CLAIM_TOO_LONG',
        `The claim is longer than ${config.MAX_CLAIM_LENGTH} characters.`,
      );
  }

  /** The message's claims and language, with the lexical tools its language needs. */
  async function readMessage(claimText: string) {
    const message = normalizeMessage(claimText);
    const wordnet = lexicon();
    const tools = {
      ...(message.lang === 'zh' ? { zh: await chineseTools() } : {}),
      ...(wordnet ? { wordnet } : {}),
    };
    return { message, tools };
  }

  /** Normalises, retrieves and judges each claim of a message (the rule reading, before the model). */
  async function judgeMessage(
    claimText: string,
    timings: Timings = noTimings(),
    stage: (s: CheckStage) => void = () => undefined,
  ) {
    assertClaim(claimText);
    let t = now();
    stage('normalize');
    const { message, tools } = await readMessage(claimText);
    const within = await storeFor(message.lang);
    const claims = message.claims.map((c) => prepareClaim(c, message.lang, within, tools));
    timings.normalize = now() - t;

    t = now();
    stage('retrieve');
    const retrieved: RetrievedPassage[][] = [];
    const vectors: Float32Array[] = [];
    const firstHits: ScoredPassage[] = [];
    for (const claim of claims) {
      const expansions = claim.terms.flatMap((term) => term.alts.slice(1).map((a) => a.join(' ')));
      // Embedded here, not in the retriever, so that the trace can hand the vector on.
      const vector = await kb.embedder.embedQuery(claim.english);
      const hits = await retriever.search(claim.english, config.VERDICT_PASSAGES, {
        expansions,
        vector,
      });
      vectors.push(vector);
      if (firstHits.length === 0) firstHits.push(...hits);
      retrieved.push(hits.map((h, rank) => ({ id: h.id, rank, dense: h.signals.dense })));
    }
    timings.retrieve = now() - t;

    t = now();
    stage('rerank');
    const checks: ClaimCheck[] = [];
    for (const [i, claim] of claims.entries()) {
      const lexical = judgeClaim(within, claim, retrieved[i]!, settings, config.RERANKER);
      if (!crossEncoder) {
        checks.push(lexical);
        continue;
      }
      // The cross-encoder rescores the lexical ranking's best sentences; its score adds to relevance.
      const top = lexical.judgement.evidence.slice(0, CROSS_ENCODER_CANDIDATES);
      const scores = await crossEncoder.score(
        claim.english,
        top.map((e) => e.sentence.text),
      );
      const extra = new Map(top.map((e, k) => [e.sentence.id, CROSS_ENCODER_WEIGHT * scores[k]!]));
      checks.push(judgeClaim(within, claim, retrieved[i]!, settings, 'lexical', extra));
    }
    timings.rerank = now() - t;
    return { message, within, checks, retrieved, vectors, firstHits };
  }

  /**
   * The NLI model's most decided reading of the claim against these premises (the best evidence
   * sentences): none without an NLI model or a verdict model to join (the rules take no vote), or
   * for a Chinese claim, whose English is a word-by-word gloss.
   */
  async function entailmentVote(
    lang: Lang,
    hypothesis: string,
    premises: string[],
  ): Promise<EntailmentVote | undefined> {
    if (!nli || !model || lang !== 'en' || premises.length === 0 || config.NLI_WEIGHT === 0)
      return undefined;
    const readings = await nli.score(premises, hypothesis).catch((err: unknown) => {
      // A model that fails on one input costs that claim its vote, not its answer.
      logger.warn({ err, model: nli.id }, 'NLI model failed; verdict from the verdict model alone');
      return [];
    });
    if (readings.length === 0) return undefined;
    const decided = readings.reduce((a, b) =>
      Math.max(b.entailment, b.contradiction) > Math.max(a.entailment, a.contradiction) ? b : a,
    );
    return { ...decided, weight: config.NLI_WEIGHT };
  }

  /** The verdict of a judged claim: the trained model's, or the rules' when none is loaded. */
  function decideCheck(
    within: SentenceStore,
    c: ClaimCheck,
    retrieved: RetrievedPassage[],
    vote?: EntailmentVote,
  ) {
    return model
      ? decide(model, c, claimFeatures(within, c, retrieved), vote)
      : { check: c, verdict: c.judgement.verdict, confidence: confidenceOf(c.judgement, settings) };
  }

  async function check(claimText: string, options: CheckOptions = {}): Promise<TracedCheckResult> {
    const timings = noTimings();
    const stage = (s: CheckStage) => {
      if (options.signal?.aborted) throw new AppError('INTERNAL', 'The check was aborted.');
      options.onProgress?.(s);
    };
    const judgedMessage = await judgeMessage(claimText, timings, stage);
    const { message, within, checks: judged, retrieved } = judgedMessage;

    let t = now();
    stage('stance');
    const decisions = [];
    for (const [i, c] of judged.entries()) {
      const premises = c.judgement.evidence.slice(0, NLI_PREMISES).map((e) => e.sentence.text);
      const vote = await entailmentVote(c.claim.lang, c.claim.english, premises);
      decisions.push(decideCheck(within, c, retrieved[i]!, vote));
    }
    const checks = decisions.map((d) => d.check);
    timings.stance = now() - t;

    t = now();
    stage('compose');
    const verdicts = decisions.map((d) => d.verdict);
    const verdict = combineVerdicts(verdicts);
    const parts = decisions.map((d) => ({ verdict: d.verdict, confidence: d.confidence }));
    const { answer, citations } = composeAnswer(
      checks,
      verdict,
      verdicts,
      message.lang,
      settings.topic,
    );
    timings.compose = now() - t;
    const englishQuery = checks.map((c) => c.claim.english).join(' ');
    const result: CheckResult = {
      claim: claimText,
      verdict,
      confidence: combinedConfidence(verdict, parts),
      answer,
      citations,
      lang: message.lang,
      englishQuery,
      ...(checks.length > 1
        ? {
            claims: checks.map((c, i) => ({
              text: c.claim.text,
              verdict: parts[i]!.verdict,
              confidence: parts[i]!.confidence,
            })),
          }
        : {}),
      timings: Object.fromEntries(
        Object.entries(timings).map(([k, v]) => [k, Math.round(v * 100) / 100]),
      ),
    };
    const trace: CheckTrace = {
      lang: message.lang,
      englishQuery,
      ...(judgedMessage.vectors.length === 1 ? { queryVector: judgedMessage.vectors[0] } : {}),
      retrieved: judgedMessage.firstHits.map((h) => ({
        id: h.id,
        docId: h.docId,
        title: h.title,
        source: h.source,
        start: h.start,
        end: h.end,
      })),
      timings: { ...timings },
    };
    // Non-enumerable: the trace (a 512-number vector) never reaches JSON, storage or copies.
    return Object.defineProperty(result, 'trace', { value: trace, enumerable: false });
  }

  async function features(claimText: string): Promise<ClaimFeatures[]> {
    const { within, checks, retrieved } = await judgeMessage(claimText);
    return checks.map((c, i) => ({
      text: c.claim.text,
      rule: c.judgement.verdict,
      features: claimFeatures(within, c, retrieved[i]),
    }));
  }

  /** A claim judged against one evidence text alone (the stance API and public stance data). */
  async function judgePair(claimText: string, evidence: string) {
    assertClaim(claimText);
    if (typeof evidence !== 'string' || evidence.trim() === '')
      throw new AppError('EVIDENCE_EMPTY');
    const { message, tools } = await readMessage(claimText);
    const pair = pairStore(evidence);
    const claim = prepareClaim(
      {
        text: message.claims.map((c) => c.text).join(' '),
        isQuestion: message.claims.some((c) => c.isQuestion),
      },
      message.lang,
      pair,
      tools,
    );
    // Every evidence sentence is a candidate; the one passage counts as retrieved first.
    const retrieved = [{ id: 0, rank: 0 }];
    return { pair, retrieved, check: judgeClaim(pair, claim, retrieved, settings, 'lexical') };
  }

  async function stance(claimText: string, evidence: string): Promise<PairStance> {
    const { pair, check, retrieved } = await judgePair(claimText, evidence);
    const vote = await entailmentVote(check.claim.lang, check.claim.english, [evidence]);
    const d = decideCheck(pair, check, retrieved, vote);
    return { stance: STANCE_OF[d.verdict], confidence: d.confidence };
  }

  async function pairFeatures(claimText: string, evidence: string): Promise<ClaimFeatures> {
    const { pair, check, retrieved } = await judgePair(claimText, evidence);
    return {
      text: check.claim.text,
      rule: check.judgement.verdict,
      features: claimFeatures(pair, check, retrieved),
    };
  }

  return {
    check,
    stance,
    features,
    pairFeatures,
    search: (text, k) => retriever.search(text, k),
    embed: (text) => kb.embedder.embedQuery(text),
    sourceContext: findSourceContext(kb.passages, (source) => kb.sourceText(source)),
    passages: kb.passages as ReadonlyArray<Passage | null>,
    indexVersion: kb.version,
    async close() {
      wordnet?.close();
      await crossEncoder?.dispose();
      await nli?.dispose();
      if (ownsIndex) await kb.close();
    },
  };
}
