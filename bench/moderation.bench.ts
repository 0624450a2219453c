/**
 * Moderation benchmark.
 * 1. Clustering quality on hand-written paraphrase groups of the dev claims
 *    (test/fixtures/moderation/paraphrase-groups.json): purity, split rate, and the similarity
 *    distributions of same-rumor and different-rumor pairs from which the automatic and the
 *    suggestion thresholds (config: MOD_AUTO_THRESHOLD, MOD_SUGGEST_THRESHOLD) are chosen.
 */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { io as connect } from 'socket.io-client';
import { PROJECT_ROOT, loadConfig } from '../src/config/config.js';
import { createLogger } from '../src/logger.js';
import { createApp } from '../src/server/app.js';
import {
  moderationPlugin,
  type ModerationHandle,
} from '../src/server/moderate/moderation-plugin.js';
import { createChatStore, openServiceDb } from '../src/store/chat-store.js';
import { commandUpdate, startFakeTelegram } from '../test/bots/support/fake-telegram.js';
import { realChecker } from '../test/server/support/real-checker.js';
import { verdictOtherThan } from '../test/moderation/support/verdicts.js';
import { claimFeatures, type FeatureSource } from '../src/moderation/claim-features.js';
import { Clusterer, type Link } from '../src/moderation/clusterer.js';
import { chooseThreshold, clusteringQuality, quantile } from '../src/moderation/cluster-quality.js';
import {
  SIMILARITY_WEIGHTS,
  claimSimilarity,
  combineSignals,
  pairSignals,
  type ClaimFeatures,
  type PairSignals,
  type SimilarityWeights,
} from '../src/moderation/similarity.js';
import { isMostlyCjk } from '../src/moderation/text-grams.js';
import type { Verdict } from '../src/types.js';

interface Group {
  id: string;
  texts: string[];
}

const fixture = path.join(PROJECT_ROOT, 'test/fixtures/moderation/paraphrase-groups.json');
const groups = (JSON.parse(fs.readFileSync(fixture, 'utf8')) as { groups: Group[] }).groups;

type Closable = FeatureSource & { close(): Promise<void> };

/** Dynamic import by variable path: these layers may be absent in a partial checkout. */
const load = <T>(modulePath: string) => import(modulePath) as Promise<T>;

/**
 * Embed and search as the server does: the checker when it exists, else the knowledge index in
 * DATA_DIR (never rebuilt here) with the hybrid retriever.
 */
async function featureSource(): Promise<{ source?: FeatureSource; close(): Promise<void> }> {
  if (process.env.MOD_BENCH_LEXICAL === '1') return { close: async () => {} };
  const config = loadConfig();
  const logger = createLogger('warn');
  try {
    const { createChecker } = await load<{
      createChecker: (cfg: unknown, logger: unknown) => Promise<Closable>;
    }>('../src/verdict/checker.js');
    const checker = await createChecker(config, logger);
    return { source: checker, close: () => checker.close() };
  } catch (err) {
    console.log(`(no checker: ${(err as Error).message.split('\n')[0]}; using the index directly)`);
  }
  try {
    const { createEmbedder } = await load<{
      createEmbedder: (
        cfg: unknown,
        logger: unknown,
      ) => Promise<{ embedQuery(t: string): Promise<Float32Array> }>;
    }>('../src/embed/index.js');
    const { openKnowledgeIndex } = await load<{
      openKnowledgeIndex: (
        cfg: unknown,
        logger: unknown,
        o: unknown,
      ) => Promise<{ close(): Promise<void> }>;
    }>('../src/index/knowledge-index.js');
    const { createHybridRetriever, retrieverSettings } = await load<{
      createHybridRetriever: (index: unknown, s: unknown) => Pick<FeatureSource, 'search'>;
      retrieverSettings: (cfg: unknown) => unknown;
    }>('../src/retrieve/hybrid-retriever.js');
    const embedder = await createEmbedder(config, logger);
    const index = await openKnowledgeIndex(config, logger, {
      embedder,
      build: 'never',
      ownsEmbedder: true,
    });
    const retriever = createHybridRetriever(index, retrieverSettings(config));
    return {
      source: { embed: (t) => embedder.embedQuery(t), search: (t, k) => retriever.search(t, k) },
      close: () => index.close(),
    };
  } catch (err) {
    console.log(`(no index: ${(err as Error).message.split('\n')[0]}; lexical signal only)`);
    return { close: async () => {} };
  }
}

function row(cells: (string | number)[]): string {
  return `| ${cells.map((c) => (typeof c !== 'number' ? c : Number.isInteger(c) ? String(c) : c.toFixed(3))).join(' | ')} |`;
}

/**
 * Recall of same-rumor pairs at a 2% false-match rate for weights on a 0.05 grid: shows whether
 * SIMILARITY_WEIGHTS is near the best mix on these groups (and how flat the optimum is).
 */
function weightSearch(items: { label: string; features: ClaimFeatures }[]): void {
  const pairs: { same: boolean; signals: PairSignals }[] = [];
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      pairs.push({
        same: items[i].label === items[j].label,
        signals: pairSignals(items[i].features, items[j].features),
      });
    }
  }
  const recallAt = (w: SimilarityWeights, rate: number) => {
    const same: number[] = [];
    const different: number[] = [];
    for (const p of pairs) (p.same ? same : different).push(combineSignals(p.signals, w));
    return chooseThreshold(same, different, rate);
  };
  const results: { w: SimilarityWeights; suggest: number; auto: number }[] = [];
  for (let l = 0; l <= 20; l++) {
    for (let e = 0; e <= 20 - l; e++) {
      const w = { lexical: l / 20, embedding: e / 20, passages: (20 - l - e) / 20 };
      results.push({ w, suggest: recallAt(w, 0.02).recall, auto: recallAt(w, 0.002).recall });
    }
  }
  results.sort((a, b) => b.suggest + b.auto - (a.suggest + a.auto));
  console.log(
    '\n| weights (lexical, embedding, passages) | recall at 2% false matches | recall at 0.2% |',
  );
  console.log('|---|---|---|');
  const show = (label: string, w: SimilarityWeights) =>
    console.log(
      row([
        `${label}${w.lexical.toFixed(2)}, ${w.embedding.toFixed(2)}, ${w.passages.toFixed(2)}`,
        recallAt(w, 0.02).recall,
        recallAt(w, 0.002).recall,
      ]),
    );
  for (const r of results.slice(0, 5)) show('', r.w);
  show('in use: ', SIMILARITY_WEIGHTS);
  show('lexical only: ', { lexical: 1, embedding: 0, passages: 0 });
  show('embedding only: ', { lexical: 0, embedding: 1, passages: 0 });
  show('passages only: ', { lexical: 0, embedding: 0, passages: 1 });
}

/** Deterministic shuffle (mulberry32) so runs are comparable. */
function shuffled<T>(items: T[], seed: number): T[] {
  let a = seed;
  const rand = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** The verdict layer's word-by-word Chinese-to-English rendering, when it loads. */
async function translator(): Promise<(text: string) => string | undefined> {
  try {
    // Variable paths: the verdict layer's modules may be absent in a partial checkout.
    const dictionaryModule = '../src/verdict/zh/dictionary.js';
    const translateModule = '../src/verdict/zh/translate.js';
    const { loadChineseTools } = (await import(dictionaryModule)) as {
      loadChineseTools: () => Promise<unknown>;
    };
    const { translateChinese } = (await import(translateModule)) as {
      translateChinese: (text: string, tools: unknown) => { english: string };
    };
    const tools = await loadChineseTools();
    return (text) => (isMostlyCjk(text) ? translateChinese(text, tools).english : undefined);
  } catch (err) {
    console.log(`(no Chinese translation: ${(err as Error).message})`);
    return () => undefined;
  }
}

async function clusteringSection(): Promise<void> {
  const { source, close } = await featureSource();
  const translate = process.env.MOD_BENCH_TRANSLATE === '0' ? () => undefined : await translator();
  const items: { label: string; text: string; features: ClaimFeatures }[] = [];
  for (const group of groups) {
    for (const text of group.texts) {
      items.push({
        label: group.id,
        text,
        features: await claimFeatures(text, source, translate(text)),
      });
    }
  }
  await close();

  const signals = ['score', 'lexical', 'embedding', 'passages'] as const;
  const same: Record<string, number[]> = {};
  const different: Record<string, number[]> = {};
  const crossSame: number[] = [];
  for (const s of signals) {
    same[s] = [];
    different[s] = [];
  }
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      const sim = claimSimilarity(items[i].features, items[j].features);
      const bucket = items[i].label === items[j].label ? same : different;
      for (const s of signals) bucket[s].push(sim[s]);
      if (
        items[i].label === items[j].label &&
        isMostlyCjk(items[i].text) !== isMostlyCjk(items[j].text)
      ) {
        crossSame.push(sim.score);
      }
    }
  }
  console.log(
    `${groups.length} rumors, ${items.length} forwards; ${same.score.length} same-rumor and ${different.score.length} different-rumor pairs\n`,
  );
  console.log('| signal | pairs | p05 | p25 | p50 | p75 | p95 | p99 | max |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const s of signals) {
    for (const [name, values] of [
      ['same', same[s]],
      ['different', different[s]],
    ] as const) {
      const q = [0.05, 0.25, 0.5, 0.75, 0.95, 0.99].map((p) => quantile(values, p));
      console.log(row([`${s} ${name}`, values.length, ...q, Math.max(...values)]));
    }
  }
  const q = [0.05, 0.25, 0.5, 0.75, 0.95, 0.99].map((p) => quantile(crossSame, p));
  console.log(row(['score same, zh-en', crossSame.length, ...q, Math.max(...crossSame)]));

  weightSearch(items);

  const auto = chooseThreshold(same.score, different.score, 0.002);
  const suggest = chooseThreshold(same.score, different.score, 0.02);
  console.log('\n| threshold | value | same-rumor pairs above | different-rumor pairs above |');
  console.log('|---|---|---|---|');
  console.log(
    row(['automatic (false matches <= 0.2%)', auto.threshold, auto.recall, auto.falseMatchRate]),
  );
  console.log(
    row([
      'suggestion (false matches <= 2%)',
      suggest.threshold,
      suggest.recall,
      suggest.falseMatchRate,
    ]),
  );

  const config = loadConfig();
  console.log(
    '\n| link, join threshold | purity | split rate | clusters per rumor (mean of 5 orders) |',
  );
  console.log('|---|---|---|---|');
  const settings: [Link, number][] = [];
  for (const join of [auto.threshold, suggest.threshold, config.MOD_AUTO_THRESHOLD]) {
    settings.push(['single', join], ['average', join]);
  }
  for (const [link, join] of settings) {
    const runs = [1, 2, 3, 4, 5].map((seed) => {
      let n = 0;
      const clusterer = new Clusterer({
        joinThreshold: join,
        maxMembers: 50,
        newId: () => `c${n++}`,
        link,
      });
      const order = shuffled(items, seed);
      const assigned = order.map((it) => clusterer.assign(it.features).clusterId);
      return clusteringQuality(
        order.map((it) => it.label),
        assigned,
      );
    });
    const mean = (k: 'purity' | 'splitRate' | 'clustersPerGroup') =>
      runs.reduce((s, r) => s + r[k], 0) / runs.length;
    console.log(
      row([
        `${link} ${join.toFixed(2)}`,
        mean('purity'),
        mean('splitRate'),
        mean('clustersPerGroup'),
      ]),
    );
  }
}

/**
 * 2. Correction latency: 200 widget clients and a Telegram group ask the same rumor; a moderator
 *    saves a reviewed answer that changes the verdict; time from the save request to each
 *    `answer:updated` at a client and to the bot's correction at the (local) Telegram API.
 *    The checker is the real one over the tests' shared index (built on first use): the first
 *    answers take real checks, the timed part measures the fan-out.
 */
async function correctionSection(): Promise<void> {
  const CLIENTS = 200;
  const ROUNDS = 5;
  const GROUP = -42;
  const tg = await startFakeTelegram();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'factcheck-modbench-'));
  const config = loadConfig({
    DATA_DIR: dir,
    LOG_LEVEL: 'silent',
    TELEGRAM_BOT_TOKEN: '1:BENCH',
    TELEGRAM_MODE: 'polling',
    TELEGRAM_API_ROOT: tg.apiRoot,
    RATE_SOCKET_CLAIMS_PER_MINUTE: '1000000',
    RATE_ANON_PER_MINUTE: '1000000',
  });
  const db = openServiceDb(config);
  const checker = await realChecker();
  let handle: ModerationHandle | undefined;
  const server = createApp({
    config,
    logger: createLogger('silent'),
    store: createChatStore(db),
    checker,
    plugins: [moderationPlugin({ onBuilt: (h) => (handle = h) })],
    clientDir: dir,
  });
  await new Promise<void>((resolve) => server.httpServer.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.httpServer.address() as AddressInfo).port}`;
  await tg.waitFor(() => tg.calls.find((c) => c.method === 'getMe'));
  const rumor = 'Eating strawberries is dangerous because of pesticide residue';

  const clients = await Promise.all(
    Array.from({ length: CLIENTS }, async (_, i) => {
      const socket = connect(`${url}/chat`, {
        transports: ['websocket'],
        auth: { clientId: `bench-client-${i}` },
      });
      const answered = new Promise<void>((resolve) => socket.once('answer', () => resolve()));
      await socket.emitWithAck('claim', { id: `m${i}`, text: rumor });
      await answered;
      return socket;
    }),
  );
  tg.push(commandUpdate(GROUP, '/check', rumor));
  await tg.waitFor(() => tg.sent().find((m) => m.chat_id === GROUP));

  const { password } = await handle!.module.accounts.add('bench', 'moderator');
  const res = await fetch(`${url}/api/v1/moderate/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'bench', password }),
  });
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  let cluster: { id: string; count: number; claims: { verdict: Verdict }[] } | undefined;
  while (!cluster || cluster.count < CLIENTS + 1) {
    [cluster] = (await (
      await fetch(`${url}/api/v1/moderate/clusters`, { headers: { cookie } })
    ).json()) as NonNullable<typeof cluster>[];
    await new Promise((r) => setTimeout(r, 50));
  }

  const widgetMs: number[] = [];
  const botMs: number[] = [];
  // Each review flips the verdict: first away from what the real checker told every asker.
  const overruled = verdictOtherThan(cluster.claims.map((c) => c.verdict));
  const verdicts = [overruled, verdictOtherThan([overruled])] as const;
  for (let round = 0; round < ROUNDS; round++) {
    const verdict = verdicts[round % 2];
    const sentBefore = tg.sent().length;
    const started = performance.now();
    const arrivals = clients.map(
      (socket) =>
        new Promise<void>((resolve) =>
          socket.once('answer:updated', () => {
            widgetMs.push(performance.now() - started);
            resolve();
          }),
        ),
    );
    const save = await fetch(`${url}/api/v1/moderate/clusters/${cluster.id}/curated`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
      body: JSON.stringify({ verdict, answer: `Reviewed: ${verdict}.`, citations: [] }),
    });
    if (save.status !== 201) throw new Error(`save failed: ${save.status}`);
    await Promise.all(arrivals);
    await tg.waitFor(() => (tg.sent().length > sentBefore ? true : undefined));
    botMs.push(performance.now() - started);
  }
  console.log(
    `\n${CLIENTS} widget clients and 1 Telegram group, ${ROUNDS} reviews flipping the verdict\n`,
  );
  console.log('| receiver | corrections | p50 ms | p95 ms | max ms |');
  console.log('|---|---|---|---|---|');
  for (const [name, values] of [
    ['widget (Socket.IO)', widgetMs],
    ['Telegram bot', botMs],
  ] as const) {
    console.log(
      row([
        name,
        values.length,
        quantile(values, 0.5),
        quantile(values, 0.95),
        Math.max(...values),
      ]),
    );
  }
  for (const socket of clients) socket.close();
  await server.close();
  await checker.close();
  db.close();
  await tg.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

if (process.env.MOD_BENCH_ONLY !== 'latency') await clusteringSection();
if (process.env.MOD_BENCH_ONLY !== 'clustering') await correctionSection();
