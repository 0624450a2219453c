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
import { loadConfig } from '../src/config/config.js';
import { createLogger } from '../src/logger.js';
import { createApp } from '../src/server/app.js';
import {
  moderationPlugin,
  type ModerationHandle,
} from '../src/server/moderate/moderation-plugin.js';
import { openStore } from '../src/store/store.js';
import { commandUpdate, startFakeTelegram } from '../test/bots/support/fake-telegram.js';
import { realChecker } from '../test/server/support/real-checker.js';
import { postCurated } from '../test/moderation/support/moderation-server.js';
import { verdictOtherThan } from '../test/moderation/support/verdicts.js';
import { citedKeys, claimFeatures, type FeatureSource } from '../src/moderation/claim-features.js';
import { TRENDING_LINK, type Link } from '../src/moderation/clusterer.js';
import { chooseThreshold, quantile } from '../src/moderation/cluster-quality.js';
import {
  PAIR_MODEL,
  SIGNALS,
  pairSignals,
  type PairWeights,
  type Signal,
} from '../src/moderation/similarity.js';
import { isMostlyCjk } from '../src/moderation/text-grams.js';
import type { Citation, Verdict } from '../src/types.js';
import {
  loadParaphraseGroups,
  meanClusterRuns,
  shareAbove,
  pairScores,
  splitByRumor,
  spread,
  type Forward,
  type PairScores,
} from '../test/moderation/support/paraphrase-eval.js';
import { fitPairModel, scoresUnder, zeroWeights, type LabelledPair } from './fit-pair-model.js';

/**
 * False-match rate (different-rumor pairs of the fitting half) of the cluster-join threshold in
 * the threshold table: the rate the clustering table picks.
 */
const CLUSTER_FALSE_MATCH_RATE = 0.01;
/**
 * Purity the cluster setting must keep on the fitting half: above the 0.9 goal because the half
 * holds 18 rumors and purity falls as more rumors compete (see the "all" rows).
 */
const CLUSTER_MIN_PURITY = 0.95;

const groups = loadParaphraseGroups();

type Closable = FeatureSource & {
  check(text: string): Promise<{ citations: Citation[] }>;
  close(): Promise<void>;
};

/** Dynamic import by variable path: these layers may be absent in a partial checkout. */
const load = <T>(modulePath: string) => import(modulePath) as Promise<T>;

/**
 * Embed, search and check as the server does: the checker when it exists, else the knowledge
 * index in DATA_DIR (never rebuilt here) with the hybrid retriever and no check (no citations).
 */
async function featureSource(): Promise<{
  source?: FeatureSource;
  check?: Closable['check'];
  close(): Promise<void>;
}> {
  if (process.env.MOD_BENCH_LEXICAL === '1') return { close: async () => {} };
  const config = loadConfig();
  const logger = createLogger('warn');
  try {
    const { createChecker } = await load<{
      createChecker: (cfg: unknown, logger: unknown) => Promise<Closable>;
    }>('../src/verdict/checker.js');
    const checker = await createChecker(config, logger);
    const { glossChinese } = await load<{ glossChinese: FeatureSource['gloss'] }>(
      '../src/moderation/chinese-gloss.js',
    );
    return {
      source: { embed: checker.embed, search: checker.search, gloss: glossChinese },
      check: (text) => checker.check(text),
      close: () => checker.close(),
    };
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
 * Every pair of forwards with its signals; with `uncheckedFirst` the first of each pair has no
 * check result (the Telegram gate's view of a message it has not answered, without a check).
 */
function labelledPairs(items: readonly Forward[], uncheckedFirst = false): LabelledPair[] {
  const pairs: LabelledPair[] = [];
  for (let i = 0; i < items.length; i++) {
    const first = uncheckedFirst ? { ...items[i].features, cited: undefined } : items[i].features;
    for (let j = i + 1; j < items.length; j++) {
      pairs.push({
        same: items[i].label === items[j].label,
        signals: pairSignals(first, items[j].features),
      });
    }
  }
  return pairs;
}

const weightsText = (w: PairWeights) =>
  [w.bias, ...SIGNALS.map((k) => w[k])].map((v) => v.toFixed(2)).join(', ');

/**
 * The pair model refitted on the fitting half beside the one in use and single signals: recall
 * of same-rumor pairs at 2% and 0.2% false matches, thresholds chosen on the fitting half and
 * applied to the held-out half. Shows whether PAIR_MODEL is still what the data says.
 */
function modelSection(fit: readonly Forward[], held: readonly Forward[]): void {
  const fitPairs = labelledPairs(fit);
  const heldPairs = labelledPairs(held);
  const fitted = fitPairModel(fitPairs);
  const uncited = fitPairModel(
    fitPairs,
    SIGNALS.filter((k) => k !== 'cited'),
  );
  const unfigured = fitPairModel(
    fitPairs,
    SIGNALS.filter((k) => k !== 'figures'),
  );
  const only = (signal: Signal): typeof PAIR_MODEL => {
    const one = (): PairWeights => ({ ...zeroWeights(), [signal]: 1 });
    return { sameScript: one(), crossScript: one() };
  };
  console.log(
    `\n| pair model (bias, ${SIGNALS.join(', ')}: same script / zh-en) | fit recall at 2% / 0.2% | held-out recall at the same thresholds |`,
  );
  console.log('|---|---|---|');
  const models: [string, typeof PAIR_MODEL][] = [
    ['in use (PAIR_MODEL)', PAIR_MODEL],
    ['refitted on the fitting half', fitted],
    ['refitted without the cited signal', uncited],
    ['refitted without the figures signal', unfigured],
    ['lexical only', only('lexical')],
    ['embedding only', only('embedding')],
    ['cited only', only('cited')],
    ['figures only', only('figures')],
  ];
  for (const [name, model] of models) {
    const f = scoresUnder(fitPairs, model);
    const h = scoresUnder(heldPairs, model);
    const at = (rate: number) => chooseThreshold(f.same, f.different, rate).threshold;
    const recall = (s: { same: number[] }, t: number) => shareAbove(s.same, t).toFixed(3);
    console.log(
      row([
        `${name}: ${weightsText(model.sameScript)} / ${weightsText(model.crossScript)}`,
        `${recall(f, at(0.02))} / ${recall(f, at(0.002))}`,
        `${recall(h, at(0.02))} / ${recall(h, at(0.002))}`,
      ]),
    );
  }
  gateSection(fitPairs, fit, held);
}

/**
 * The Telegram gate (matchesCurated) on a message it has not answered: the model in use with the
 * message's cited signal missing (filled with the mean of the others) against the same model
 * after a check, at the automatic threshold chosen on fully checked pairs of the fitting half.
 */
function gateSection(fitPairs: LabelledPair[], fit: readonly Forward[], held: readonly Forward[]) {
  const checked = scoresUnder(fitPairs, PAIR_MODEL);
  const t = chooseThreshold(checked.same, checked.different, 0.002).threshold;
  console.log(
    `\n| gate at the automatic threshold ${t} (0.2% false matches, checked pairs of the fitting half) | fit: recall / false matches | held-out: recall / false matches |`,
  );
  console.log('|---|---|---|');
  for (const [name, unchecked] of [
    ['check first (cited signal on both sides)', false],
    ['no check (cited signal mean-filled)', true],
  ] as const) {
    const measure = (items: readonly Forward[]) => {
      const s = scoresUnder(labelledPairs(items, unchecked), PAIR_MODEL);
      return `${shareAbove(s.same, t).toFixed(3)} / ${shareAbove(s.different, t).toFixed(4)}`;
    };
    console.log(row([name, measure(fit), measure(held)]));
  }
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

/** Distribution rows (one per kind of pair) of one half. */
function distributionRows(half: string, scores: PairScores): void {
  for (const [name, values] of [
    ['same rumor', scores.same],
    ['different rumors', scores.different],
    ['same rumor, zh-en', scores.crossSame],
    ['different rumors, zh-en', scores.crossDifferent],
  ] as const) {
    console.log(row([`${half}: ${name}`, values.length, ...spread(values)]));
  }
}

async function clusteringSection(): Promise<void> {
  const { source, check, close } = await featureSource();
  const translate = process.env.MOD_BENCH_TRANSLATE === '0' ? () => undefined : await translator();
  const items: Forward[] = [];
  for (const group of groups) {
    for (const text of group.texts) {
      const cited = check ? citedKeys((await check(text)).citations) : undefined;
      items.push({
        label: group.id,
        text,
        features: await claimFeatures(text, source, translate(text), cited),
      });
    }
  }
  await close();
  const halves = splitByRumor(items);
  const scores = { fit: pairScores(halves.fit), held: pairScores(halves.held) };
  const rumors = (list: Forward[]) => new Set(list.map((i) => i.label)).size;
  console.log(
    `${groups.length} rumors, ${items.length} forwards; fitting half ${rumors(halves.fit)} rumors / ${halves.fit.length} forwards, held-out half ${rumors(halves.held)} / ${halves.held.length} (pairs within each half)\n`,
  );
  console.log('| combined score, pairs | n | p05 | p25 | p50 | p75 | p95 | p99 | max |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  distributionRows('fit', scores.fit);
  distributionRows('held-out', scores.held);

  modelSection(halves.fit, halves.held);

  // Every threshold is chosen on the fitting half and then applied unchanged to the held-out half.
  const config = loadConfig();
  const choices: [string, number][] = [
    ['automatic', 0.002],
    ['suggestion', 0.02],
    ['cluster join', CLUSTER_FALSE_MATCH_RATE],
  ];
  console.log(
    '\n| threshold (false matches on the fitting half) | value | in config | fit: recall / zh-en recall / false matches | held-out: recall / zh-en recall / false matches |',
  );
  console.log('|---|---|---|---|---|');
  const inConfig: Record<string, number> = {
    automatic: config.MOD_AUTO_THRESHOLD,
    suggestion: config.MOD_SUGGEST_THRESHOLD,
    'cluster join': config.MOD_CLUSTER_THRESHOLD,
  };
  const measured = (s: PairScores, t: number) =>
    `${shareAbove(s.same, t).toFixed(3)} / ${shareAbove(s.crossSame, t).toFixed(3)} / ${shareAbove(s.different, t).toFixed(4)}`;
  for (const [name, rate] of choices) {
    const t = chooseThreshold(scores.fit.same, scores.fit.different, rate).threshold;
    console.log(
      row([
        `${name} (<= ${(rate * 100).toFixed(1)}%)`,
        t,
        inConfig[name],
        measured(scores.fit, t),
        measured(scores.held, t),
      ]),
    );
  }

  console.log(
    '\n| half, link, merging, join threshold (false matches on fit) | purity | split rate | clusters per rumor | zh-en joined (mean of 5 orders) |',
  );
  console.log('|---|---|---|---|---|');
  const joins = [0.002, 0.005, 0.0075, 0.01, 0.015, 0.02, 0.05].map(
    (rate) =>
      [rate, chooseThreshold(scores.fit.same, scores.fit.different, rate).threshold] as const,
  );
  let chosen: { label: string; splitRate: number } | undefined;
  for (const [half, list] of [
    ['fit', halves.fit],
    ['held-out', halves.held],
    ['all', items],
  ] as const) {
    for (const [rate, join] of joins) {
      for (const [link, merge] of [
        ['single', false],
        ['average', false],
        ['average', true],
      ] as [Link, boolean][]) {
        const q = meanClusterRuns(list, join, link, merge);
        const label = `${link}, ${merge ? 'merging' : 'no merging'}, ${join.toFixed(2)} (${(rate * 100).toFixed(2)}%)`;
        console.log(
          row([`${half}, ${label}`, q.purity, q.splitRate, q.clustersPerGroup, q.crossJoinRate]),
        );
        const isBetter = !chosen || q.splitRate < chosen.splitRate;
        if (half === 'fit' && q.purity >= CLUSTER_MIN_PURITY && isBetter) {
          chosen = { label, splitRate: q.splitRate };
        }
      }
    }
  }
  console.log(
    `\nCluster setting chosen on the fitting half (lowest split rate with purity >= ${CLUSTER_MIN_PURITY}): ${chosen?.label ?? 'none'}; in use: ${TRENDING_LINK}, merging, ${config.MOD_CLUSTER_THRESHOLD}`,
  );
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
  const store = await openStore(config);
  const checker = await realChecker();
  let handle: ModerationHandle | undefined;
  const server = createApp({
    config,
    logger: createLogger('silent'),
    store,
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
    const save = await postCurated(url, { cookie, csrfToken }, cluster.id, {
      verdict,
      answer: `Reviewed: ${verdict}.`,
      citations: [],
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
  await store.close();
  await tg.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

if (process.env.MOD_BENCH_ONLY !== 'latency') await clusteringSection();
if (process.env.MOD_BENCH_ONLY !== 'clustering') await correctionSection();
