/**
 * Moderation at scale: how the moderators' console routes, the service's start-up and the
 * matching of a new claim grow with the number of stored claims.
 *
 * Each size runs in its own child process (so RSS is that size's alone) over a real SQLite
 * service database filled through the real store: synthetic rumors with Pareto-sized clusters
 * spread over half a year, each claim with saved features like the checker's (a unit 512-d
 * embedding near its rumor's, five passage keys). Times are medians over several runs.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createLogger } from '../src/logger.js';
import type { FeatureSource } from '../src/moderation/claim-features.js';
import { ModerationService } from '../src/moderation/moderation-service.js';
import type { CheckResult } from '../src/types.js';
import { login, startModerationServer } from '../test/moderation/support/moderation-server.js';
import { seededRandom } from '../test/support/seeded-random.js';

const SIZES = [2_000, 20_000, 100_000];
const DIM = 512;
const DAY = 86_400_000;
/** Claims arrive over this many days before now. */
const SPAN_DAYS = 180;
/** Largest cluster (a rumor that went viral). */
const MAX_CLUSTER = 5_000;
const RUNS = 5;
const WORDS = (
  'vaccine water tap city school bank closed price fuel ban flood bridge virus salt milk ' +
  'phone tower election fake police minister border strike tax free train airport hospital'
).split(' ');

const random = seededRandom(42);
const gaussian = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());

function unit(v: Float32Array): Float32Array {
  const norm = Math.hypot(...v);
  return v.map((x) => x / norm);
}
const randomUnit = () => unit(Float32Array.from({ length: DIM }, gaussian));
/** A paraphrase's embedding: the rumor's direction plus noise (cosine about 0.9). */
const near = (centre: Float32Array) => unit(centre.map((x) => x + gaussian() * 0.02));
const words = (n: number) =>
  Array.from({ length: n }, () => WORDS[Math.floor(random() * WORDS.length)]).join(' ');

/** Pareto cluster sizes (alpha 1.2, mean about 5): most rumors are asked once or twice. */
const clusterSize = () =>
  Math.min(MAX_CLUSTER, Math.max(1, Math.floor((1 / (1 - random())) ** (1 / 1.2))));

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
async function timeMs(run: () => unknown, runs = RUNS): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  return median(times);
}
const rssMb = () => {
  global.gc?.();
  return process.memoryUsage().rss / 2 ** 20;
};
/** Live JS heap plus typed-array buffers (embeddings) after a collection, in MB. */
const retainedMb = () => {
  global.gc?.();
  const { heapUsed, external } = process.memoryUsage();
  return (heapUsed + external) / 2 ** 20;
};

/** The checker's answer for a claim, as the chat records it (only what clustering reads). */
const machine = (text: string): CheckResult =>
  ({
    claim: text,
    verdict: 'NOT_ENOUGH_INFO',
    confidence: 0.5,
    answer: '',
    citations: [],
  }) as unknown as CheckResult;

/** Embeds a new claim near some rumor (a realistic join) and searches five passages. */
const featureSource = (centres: Float32Array[]): FeatureSource => ({
  embed: async () => near(centres[Math.floor(random() * centres.length)]),
  // Only source and start make a passage key; the rest of a ScoredPassage is never read here.
  search: async () =>
    Array.from({ length: 5 }, (_, i) => ({
      source: `doc-${i}.md`,
      start: i * 100,
    })) as unknown as Awaited<ReturnType<FeatureSource['search']>>,
});

async function measure(size: number): Promise<Record<string, number>> {
  const s = await startModerationServer({ env: { LOG_LEVEL: 'silent' } });
  try {
    const now = Date.now();
    const centres: Float32Array[] = [];
    const fill = performance.now();
    // Rumors start anywhere in the span and are asked over the next three days; claims are
    // stored in time order, as they arrive.
    const asks: { cluster: number; askedAt: number }[] = [];
    const topics: string[] = [];
    while (asks.length < size) {
      const n = Math.min(size - asks.length, clusterSize());
      const start = now - random() * SPAN_DAYS * DAY;
      centres.push(randomUnit());
      topics.push(words(6));
      for (let j = 0; j < n; j++) {
        asks.push({
          cluster: centres.length - 1,
          askedAt: Math.min(now, start + random() * 3 * DAY),
        });
      }
    }
    asks.sort((a, b) => a.askedAt - b.askedAt);
    await s.store.transaction(async ({ clusters }) => {
      const created = new Set<number>();
      for (const [i, { cluster, askedAt }] of asks.entries()) {
        const id = `c${cluster}`;
        if (!created.has(cluster)) await clusters.createCluster(id, topics[cluster], askedAt);
        created.add(cluster);
        await clusters.addClaim({
          clusterId: id,
          answerId: `a${i}`,
          text: `${topics[cluster]} ${words(4)}`,
          channel: 'widget',
          asker: { kind: 'widget', conversationId: `conv-${i}` },
          askedAt,
          similarity: 0.9,
          verdict: 'REFUTED',
          confidence: 0.8,
          curatedId: null,
          features: {
            embedding: Array.from(near(centres[cluster]), (v) => Math.round(v * 1e5) / 1e5),
            passages: Array.from({ length: 5 }, () => `doc-${Math.floor(random() * 40)}.md:0`),
          },
        });
      }
    });
    const fillS = (performance.now() - fill) / 1000;

    const { password } = await s.module.accounts.add('bench', 'moderator');
    const session = await login(s.url, 'bench', password);
    const get = async (route: string) => {
      const res = await fetch(`${s.url}/api/v1/moderate/${route}`, {
        headers: { cookie: session.cookie },
      });
      const body = await res.text();
      if (res.status !== 200) throw new Error(`${route}: ${res.status} ${body}`);
      return body.length;
    };
    // Routes first: a long synchronous start-up below would outlive the kept-alive connection.
    const routes = {
      clustersMs: await timeMs(() => get('clusters')),
      clustersKb: (await get('clusters')) / 1024,
      growthMs: await timeMs(() => get('clusters?order=growth')),
      clusterMs: await timeMs(() => get(`clusters/c${asks[asks.length - 1].cluster}`)),
      feedMs: await timeMs(() => get('feed?limit=50')),
    };

    const retainedBefore = retainedMb();
    let service: ModerationService | undefined;
    const startupMs = await timeMs(async () => {
      service = new ModerationService({
        store: s.store,
        config: s.config,
        logger: createLogger('silent'),
        features: featureSource(centres),
        publicUrl: '',
      });
      await service.loaded;
    }, 1);
    const startupMb = retainedMb() - retainedBefore;
    let asked = 0;
    const recordMs = await timeMs(
      () =>
        service!.record({
          answerId: null,
          text: `${words(8)} ${asked++}`,
          result: machine('new claim'),
          channel: 'rest',
        }),
      20,
    );
    return {
      claims: size,
      clusters: centres.length,
      fillS,
      ...routes,
      startupMs,
      startupMb,
      recordMs,
      rssMb: rssMb(),
    };
  } finally {
    await s.close();
  }
}

const only = Number(process.argv[2]);
if (only) {
  process.stdout.write(`${JSON.stringify(await measure(only))}\n`);
} else {
  const rows: Record<string, number>[] = [];
  for (const size of SIZES) {
    const child = spawnSync(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url), String(size)],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const line = child.stdout.trim().split('\n').pop();
    if (child.status !== 0 || !line) {
      console.log(`(${size} claims: exited with ${child.status}; skipped)`);
      continue;
    }
    rows.push(JSON.parse(line) as Record<string, number>);
  }
  console.log(
    'GET times are medians over HTTP with a moderator session; startup = new ModerationService',
  );
  console.log(
    '(startupMb: memory it keeps); record = cluster one new claim (match against the loaded',
  );
  console.log('clusters) and store it; rssMb at the end.\n');
  const columns = Object.keys(rows[0] ?? {});
  console.log(`| ${columns.join(' | ')} |`);
  console.log(`|${columns.map(() => '---:').join('|')}|`);
  for (const row of rows) {
    console.log(
      `| ${columns.map((c) => (Number.isInteger(row[c]) ? row[c] : row[c].toFixed(1))).join(' | ')} |`,
    );
  }
}
