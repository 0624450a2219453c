import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { AppError } from '../errors.js';

/** The project root: two levels above this file in both src/ and dist/. */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const num = (def: number) => z.coerce.number().default(def);

/**
 * Every setting, read from the environment once. Each layer owns a section; add new settings
 * to your section with a default and a one-line comment. Nothing else reads process.env.
 */
const schema = z.object({
  // --- paths ---
  /** Folder of the trusted document collection. */
  KNOWLEDGE_DIR: z.string().default('knowledge'),
  /** Where indexes, the SQLite file and other state live. */
  DATA_DIR: z.string().default('data'),
  /**
   * PostgreSQL instead of the SQLite file (postgres:// or postgresql:// URL): what several
   * nodes share. Unset: the SQLite file under DATA_DIR.
   */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/\S+$/, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  /** Connections a node keeps to PostgreSQL at most (DATABASE_URL). */
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(1000).default(10),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),

  // --- embed ---
  /** auto: the transformers.js model when loadable, else the bundled offline encoder. */
  EMBEDDER: z.enum(['auto', 'transformers', 'use-lite']).default('auto'),
  /** Hugging Face model id for the transformers.js provider. */
  HF_MODEL: z.string().default('Xenova/all-MiniLM-L6-v2'),
  /** Local folder holding models in the transformers.js layout (<id>/config.json, onnx/...). */
  MODELS_DIR: z.string().default('models'),
  /** Whether transformers.js may download from the Hub; off by default (offline first). */
  ALLOW_REMOTE_MODELS: bool.default(false),
  EMBED_BATCH_SIZE: num(32),
  /** TF.js backend for USE-Lite: wasm (XNNPACK, measured faster; bench/embed.bench.ts) or cpu (pure JS). */
  USE_LITE_BACKEND: z.enum(['wasm', 'cpu']).default('wasm'),
  /** Worker threads joining the main thread on large USE-Lite calls (ingest); 0 = main thread only. */
  USE_LITE_WORKERS: num(1),
  /** Texts over USE-Lite's 128 tokens (half the seed passages): clip (the graph's own) or windows (mean of 128-token windows). */
  USE_LITE_LONG_TEXT: z.enum(['clip', 'windows']).default('clip'),

  // --- ingest ---
  /** A passage closes once it reaches this many characters (a few sentences). */
  PASSAGE_TARGET_CHARS: num(500),
  /** A passage grows past this only to take in a short closing remainder. */
  PASSAGE_MAX_CHARS: num(800),
  /** Source files larger than this are refused (SOURCE_TOO_LARGE). */
  MAX_SOURCE_BYTES: num(64 * 1024 * 1024),
  /** Nice value (0-19, Linux) of the worker thread a running server ingests uploads in: its own threads go first on busy cores. */
  INGEST_WORKER_NICE: z.coerce.number().int().min(0).max(19).default(10),
  /** How often (ms) a server refreshes the heartbeat of the ingest jobs it runs or holds, and requeues other nodes' stale ones. */
  INGEST_HEARTBEAT_MS: z.coerce.number().int().positive().default(5_000),
  /** A running ingest job without a heartbeat for this long (ms) lost its node and is run again; more than two heartbeats, and more than the clock skew between nodes. */
  INGEST_STALE_MS: z.coerce.number().int().positive().default(30_000),

  // --- index / retrieve ---
  /** HNSW graph degree (hnswlib M). */
  HNSW_M: num(16),
  /** HNSW candidate list while building. */
  HNSW_EF_CONSTRUCTION: num(200),
  /** HNSW candidate list while searching (bench/index.bench.ts: recall@10 vs exact search). */
  HNSW_EF_SEARCH: num(100),
  /** Rebuild the vector index once this share of its entries is marked deleted. */
  INDEX_COMPACT_FRACTION: num(0.25),
  /** BM25 term-frequency saturation (k1 and b: the best of 0.9/0.4, 1.2/0.75, 1.5/0.75 on SciFact train). */
  BM25_K1: num(1.2),
  /** BM25 length normalisation. */
  BM25_B: num(0.75),
  /** Times an article's title words count in each of its passages' BM25 text (0 = not indexed). */
  BM25_TITLE_WEIGHT: num(1),
  /** Candidates each retriever (BM25, dense) hands to fusion. */
  RETRIEVE_CANDIDATES: num(100),
  /** Fusion: interpolate normalised scores, or weighted reciprocal rank fusion. */
  FUSION: z.enum(['interpolate', 'rrf']).default('interpolate'),
  /** Dense share in fusion (BM25 gets 1 - it): the best on SciFact train qrels (eval-retrieval --tune). */
  FUSION_DENSE_WEIGHT: num(0.2),
  /** RRF rank offset. */
  RRF_K: num(60),
  /** Weight of expansion terms (synonyms, translations) relative to the query's own words. */
  EXPANSION_WEIGHT: num(0.5),

  // --- verdict ---
  /** Sentence reranking: none (retriever order), lexical (claim-term coverage), cross-encoder (RERANK_MODEL when loadable, else lexical). */
  RERANKER: z.enum(['none', 'lexical', 'cross-encoder']).default('lexical'),
  /** transformers.js cross-encoder for RERANKER=cross-encoder, looked up in MODELS_DIR. */
  RERANK_MODEL: z.string().default('Xenova/ms-marco-MiniLM-L-6-v2'),
  /**
   * transformers.js NLI model in MODELS_DIR (e.g. Xenova/nli-deberta-v3-xsmall) whose reading of
   * the best evidence joins the verdict model's for English claims; empty = none (the default:
   * no weights ship with the project).
   */
  NLI_MODEL: z.string().default(''),
  /** Exponent of the NLI model's probabilities when they join the verdict model's (0 = ignored). */
  NLI_WEIGHT: z.coerce.number().min(0).max(10).default(1),
  /** Claim-term expansion with WordNet synonyms/antonyms (measured: bench/check.bench.ts, eval). */
  QUERY_EXPANSION: z.enum(['none', 'wordnet']).default('wordnet'),
  /** Passages taken from the hybrid retriever per claim. */
  VERDICT_PASSAGES: num(20),
  /** Claim coverage below which evidence is off-topic (NOT_ENOUGH_INFO); fitted on held-out seed claims. */
  VERDICT_TOPIC: num(0.4),
  /** In-sentence claim coverage from which an uncontradicted sentence supports. */
  VERDICT_SUPPORT: num(0.5),
  /** Claim coverage from which a contradiction (numbers, negation, quantifier) refutes. */
  VERDICT_REFUTE: num(0.45),
  /** Coverage of a rumor heading from which the claim restates that rumor. */
  VERDICT_RUMOR_HEADING: num(0.5),
  /**
   * The trained verdict model (`factcheck train` writes it), or `rules` for the hand-set stance
   * rules alone. Relative paths are from the project.
   */
  VERDICT_MODEL: z.string().default('src/verdict/model/verdict-model.json'),

  // --- server ---
  PORT: num(3000),
  HOST: z.string().default('0.0.0.0'),
  MAX_CLAIM_LENGTH: num(2000),
  /** Longest evidence text `factcheck stance` and POST /api/v1/stance take, in code points. */
  MAX_EVIDENCE_LENGTH: num(20_000),
  /** Behind a reverse proxy: trust X-Forwarded-For for client addresses (rate limits). */
  TRUST_PROXY: bool.default(false),
  /** Comma-separated origins of pages allowed to embed the widget (CORS); `*` allows any. */
  CORS_ORIGINS: z.string().default(''),
  /** Largest JSON body accepted by the REST API. */
  JSON_BODY_LIMIT_BYTES: num(16 * 1024),
  /** Largest Socket.IO message; 0 = derived from OCR_MAX_IMAGE_BYTES, so that a screenshot claim fits (see socketMaxBufferBytes). */
  SOCKET_MAX_BUFFER_BYTES: num(0),
  /** REST requests per minute per IP without an API key. */
  RATE_ANON_PER_MINUTE: num(60),
  /** REST requests per minute per API key. */
  RATE_KEY_PER_MINUTE: num(1200),
  /** Chat claims per minute per IP (and per API key when a socket presents one). */
  RATE_SOCKET_CLAIMS_PER_MINUTE: num(30),
  /** Key that signs the client tokens owning conversations (32+ characters; the same on every node); empty = a random one kept in the database. */
  CLIENT_TOKEN_SECRET: z
    .string()
    .refine((s) => s === '' || s.length >= 32, 'at least 32 characters')
    .default(''),
  /** Distinct clients from one address whose votes on one answer count (a household or small office behind one address); more are refused. */
  VOTE_VOTERS_PER_ADDRESS: num(5),
  /** `history` calls per minute per chat socket. */
  SOCKET_HISTORY_PER_MINUTE: num(30),
  /** Conversations one chat socket may follow at once (`history` joins their rooms). */
  SOCKET_MAX_CONVERSATIONS: num(20),
  /** Worker threads that check claims, each with its own index and encoder; 1 = on the main thread. */
  CHECK_WORKERS: z.coerce.number().int().min(1).default(os.availableParallelism()),
  /** A claim whose expected wait in the check queue is longer than this is refused at once (503 BUSY). */
  CHECK_QUEUE_MAX_WAIT_MS: z.coerce.number().min(0).default(5_000),
  /**
   * A checker call (check, stance, ...) still running after this long fails with 503
   * CHECK_TIMEOUT and its worker is replaced: synchronous work cannot be interrupted otherwise.
   * Only with CHECK_WORKERS > 1 (on the main thread nothing can stop it); 0 = no limit.
   */
  CHECK_TIMEOUT_MS: z.coerce.number().int().min(0).default(30_000),
  /** Claims whose results the query cache keeps (repeats of a viral claim skip the check); 0 = no cache. */
  QUERY_CACHE_ENTRIES: z.coerce.number().int().min(0).default(5_000),
  /** Bytes (JSON size, with the query vector) the query cache keeps at most. */
  QUERY_CACHE_BYTES: z.coerce
    .number()
    .int()
    .min(0)
    .default(32 * 1024 * 1024),
  /** How long shutdown waits for answers in flight before closing anyway. */
  SHUTDOWN_TIMEOUT_MS: num(30_000),

  // --- ocr (screenshot claims, src/ocr) ---
  /** Largest image accepted for reading (IMAGE_TOO_LARGE above it). */
  OCR_MAX_IMAGE_BYTES: num(5 * 1024 * 1024),
  /** Most pixels (width x height, read from the header before decoding) an image may declare: a decompression-bomb cap; 25 M fits a long scrolling phone screenshot. */
  OCR_MAX_PIXELS: num(25_000_000),
  /** OCR worker threads, created on the first image and kept loaded; each takes about a core and 200 MB while reading. */
  OCR_WORKERS: num(1),
  /** Languages read, `+`-separated tesseract codes (eng, chi_sim); every one is tried on each image, then the image's own language is picked. */
  OCR_LANGUAGES: z
    .string()
    .regex(/^(eng|chi_sim)(\+(eng|chi_sim))*$/, 'a +-separated list of eng and chi_sim')
    .default('eng+chi_sim'),
  /** Mean word confidence (0-1) under which a read is marked as low confidence in the answer. */
  OCR_LOW_CONFIDENCE: num(0.6),
  /** Keep each screenshot with the answer to its claim (moderators see a thumbnail); deleted with the answer. Off: only the text read is kept. */
  KEEP_IMAGES: bool.default(false),

  // --- moderation and bots ---
  /** Similarity at which a claim gets a cluster's curated answer: 0.2% false matches on the fitting half, 79% of held-out same-rumor pairs (bench/moderation.bench.ts). */
  MOD_AUTO_THRESHOLD: num(0.81),
  /** Similarity from which a reviewed answer is suggested beside the machine's: 2% false matches on the fitting half, 99% of held-out same-rumor pairs. */
  MOD_SUGGEST_THRESHOLD: num(0.5),
  /** Similarity (mean over a cluster's members) at which a claim joins a trending cluster and two clusters merge: the lowest split rate with purity >= 0.95 on the fitting half (0.75% false matches). */
  MOD_CLUSTER_THRESHOLD: num(0.67),
  /** Claims per cluster kept in memory for matching. */
  MOD_CLUSTER_MEMBERS: num(50),
  /** Days since its last ask for which a cluster is listed and matched (dropped from matching hourly while running, and at start-up; curated ones always stay). */
  MOD_TRENDING_DAYS: num(30),
  /** Moderator session lifetime. */
  MOD_SESSION_HOURS: num(12),
  /** Session cookie `secure` flag: auto = only when the request came over https. */
  MOD_COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  /** Failed logins (and password changes) per address and account before each further attempt waits; an address gets 5x this over all names. */
  MOD_LOGIN_ATTEMPTS: num(10),
  /** The first wait after those failures, in seconds; it doubles with each further failure. */
  MOD_LOGIN_DELAY_S: num(1),
  /** The longest wait between failed logins, in seconds (a delay, never a lock). */
  MOD_LOGIN_MAX_DELAY_S: num(900),
  /** How often a /moderate socket checks that its session still lives (ended by another process, say). */
  MOD_SOCKET_RECHECK_S: z.coerce.number().positive().default(60),
  /** Public base URL for links in bot answers (e.g. https://factcheck.example); empty = this server. Answer pages' canonical and JSON-LD links are absolute only with it (never from Host). */
  PUBLIC_URL: z.string().default(''),
  /** Telegram bot token from @BotFather; empty = no Telegram bot. */
  TELEGRAM_BOT_TOKEN: z.string().default(''),
  /** How Telegram updates arrive: long polling, or a webhook at /bots/telegram/<secret>. */
  TELEGRAM_MODE: z.enum(['off', 'polling', 'webhook']).default('off'),
  /** Telegram Bot API root (tests point it at a local server). */
  TELEGRAM_API_ROOT: z.string().default('https://api.telegram.org'),
  /** Secret path part and X-Telegram-Bot-Api-Secret-Token for the webhook (required in webhook mode). */
  TELEGRAM_WEBHOOK_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{0,256}$/, 'Telegram takes up to 256 of A-Z, a-z, 0-9, _ and -')
    .default(''),
  /** Answers a bot posts into one group per minute. */
  BOT_GROUP_ANSWERS_PER_MINUTE: num(6),
  /** Seconds a signed webhook delivery stays valid for its receiver. */
  WEBHOOK_REPLAY_WINDOW_S: num(300),
  /** Delivery attempts per webhook message (exponential backoff between them). */
  WEBHOOK_MAX_ATTEMPTS: num(5),
  /** First webhook retry delay in ms; doubles each attempt. */
  WEBHOOK_RETRY_BASE_MS: num(1000),
  /** Let callback URLs reach loopback, private, link-local and metadata addresses (tests, a bot on the same host). */
  WEBHOOK_ALLOW_PRIVATE: bool.default(false),
  /** Largest document an admin may upload. */
  MOD_UPLOAD_MAX_BYTES: num(5_000_000),

  // --- many nodes over Redis (src/cluster) ---
  /**
   * Redis shared by the nodes of one service (redis:// or rediss:// for TLS, with any password in
   * the URL): Socket.IO rooms, rate limits, login waits and index-change notices then span every
   * node. Empty = one process, all of that in memory.
   */
  REDIS_URL: z
    .string()
    .refine((s) => s === '' || /^rediss?:\/\/[^\s]+$/.test(s), 'a redis:// or rediss:// URL')
    .default(''),
  /** Prefix of every Redis key and channel of this service, so that services can share a Redis. */
  REDIS_KEY_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:._-]{1,64}$/, '1-64 of A-Z, a-z, 0-9, and : . _ -')
    .default('factcheck:'),
});

/** Settings that only make sense together. */
function checkCombinations(cfg: z.infer<typeof schema>, ctx: z.RefinementCtx): void {
  // Without a secret anyone could post made-up updates to the webhook.
  if (
    cfg.TELEGRAM_MODE === 'webhook' &&
    cfg.TELEGRAM_BOT_TOKEN !== '' &&
    !cfg.TELEGRAM_WEBHOOK_SECRET
  )
    ctx.addIssue({
      code: 'custom',
      path: ['TELEGRAM_WEBHOOK_SECRET'],
      message: 'required when TELEGRAM_MODE is webhook',
    });
  // A job whose node missed a single beat (a slow query, a pause) must not run twice.
  if (cfg.INGEST_STALE_MS <= 2 * cfg.INGEST_HEARTBEAT_MS)
    ctx.addIssue({
      code: 'custom',
      path: ['INGEST_STALE_MS'],
      message: 'must be more than twice INGEST_HEARTBEAT_MS',
    });
}

export type Config = Omit<
  z.infer<typeof schema>,
  'KNOWLEDGE_DIR' | 'DATA_DIR' | 'MODELS_DIR' | 'VERDICT_MODEL'
> & {
  VERDICT_MODEL: string;
  /** Absolute paths, resolved against the working directory. */
  KNOWLEDGE_DIR: string;
  DATA_DIR: string;
  MODELS_DIR: string;
  /**
   * The log level of commands whose output is their result (`check`, `stance`, `eval`): LOG_LEVEL
   * when the environment sets it, else warnings only, so logs do not bury the answer.
   */
  commandLogLevel: z.infer<typeof schema>['LOG_LEVEL'];
};

/** Room in a socket message for what goes beside an image (id, text, framing). */
const SOCKET_MESSAGE_ROOM_BYTES = 64 * 1024;

/**
 * The largest Socket.IO message: SOCKET_MAX_BUFFER_BYTES when set, else room for an image at the
 * OCR cap, base64-encoded (a third larger) as the HTTP long-polling transport sends binary.
 */
export function socketMaxBufferBytes(
  config: Pick<Config, 'SOCKET_MAX_BUFFER_BYTES' | 'OCR_MAX_IMAGE_BYTES'>,
): number {
  if (config.SOCKET_MAX_BUFFER_BYTES > 0) return config.SOCKET_MAX_BUFFER_BYTES;
  return Math.ceil((config.OCR_MAX_IMAGE_BYTES * 4) / 3) + SOCKET_MESSAGE_ROOM_BYTES;
}

/** Parses and validates settings; throws CONFIG_INVALID naming every bad variable. */
export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  overrides: Partial<Config> = {},
): Config {
  const known = Object.fromEntries(
    Object.keys(schema.shape)
      .filter((key) => env[key] !== undefined && env[key] !== '')
      .map((key) => [key, env[key]]),
  );
  const parsed = schema.superRefine(checkCombinations).safeParse(known);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new AppError('CONFIG_INVALID', `Invalid settings: ${problems.join('; ')}`);
  }
  const cfg = parsed.data;
  // Paths given in the environment are relative to the working directory; defaults to the project.
  const resolve = (key: 'KNOWLEDGE_DIR' | 'DATA_DIR' | 'MODELS_DIR' | 'VERDICT_MODEL') =>
    known[key] === undefined ? path.join(PROJECT_ROOT, cfg[key]) : path.resolve(cfg[key]);
  return {
    ...cfg,
    KNOWLEDGE_DIR: resolve('KNOWLEDGE_DIR'),
    DATA_DIR: resolve('DATA_DIR'),
    MODELS_DIR: resolve('MODELS_DIR'),
    VERDICT_MODEL: cfg.VERDICT_MODEL === 'rules' ? 'rules' : resolve('VERDICT_MODEL'),
    commandLogLevel: known.LOG_LEVEL === undefined ? 'warn' : cfg.LOG_LEVEL,
    ...overrides,
  };
}
