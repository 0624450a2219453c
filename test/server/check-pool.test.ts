import { createLogger } from '../../src/logger.js';
import { createCheckerGate } from '../../src/server/checker-gate.js';
import { startCheckPool, type CheckPool } from '../../src/server/pool/check-pool.js';
import type { CheckResponse } from '../../src/server/http/schemas.js';
import type { Checker } from '../../src/verdict/checker-types.js';
import { traceOf } from '../../src/verdict/checker-types.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import {
  INDEX_BUILD_TIMEOUT_MS,
  realChecker,
  sharedIndexDataDir,
  testConfig,
} from './support/real-checker.js';
import {
  smallKnowledge,
  TEA_DOC,
  WALKING_DOC,
  type SmallKnowledge,
} from './support/small-knowledge.js';

/** A handful of kinds: a viral rumor, a question, Chinese, numbers, two claims in one message. */
const CLAIMS = [
  'Drinking Starbucks coffee gives you cancer',
  'Are strawberries really the dirtiest fruit?',
  '潮州新泰里小区党支部书记陈婉兰今年68岁。',
  'Unbelievable!!! Wisconsin handed Foxconn a package worth $4 billion in tax breaks and incentives - share this!',
  'Coffee causes cancer. Also, tea cures colds.',
];

/** Waits (two minutes at most) until a pool has `size` workers: a replacement loads its own checker. */
async function untilSize(pool: CheckPool, size: number): Promise<void> {
  const until = Date.now() + 120_000;
  while (pool.size < size && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
}

describe('the check pool', () => {
  let pool: CheckPool;
  let local: Checker;
  beforeAll(async () => {
    local = await realChecker();
    pool = await startCheckPool(testConfig(sharedIndexDataDir()), createLogger('silent'), {
      size: 2,
    });
  }, INDEX_BUILD_TIMEOUT_MS);
  afterAll(async () => {
    await pool?.close();
    await local?.close();
  });

  it('answers every claim exactly as the checker on the main thread does', async () => {
    expect(pool.size).toBe(2);
    expect(pool.indexVersion).toBe(local.indexVersion);
    // The passage table stays in the workers: copying it here at every reload blocked the loop.
    expect(pool.passages).toEqual([]);
    // Concurrently, so that both workers answer some.
    const pooled = await Promise.all(CLAIMS.map((c) => pool.check(c)));
    for (const [i, claim] of CLAIMS.entries()) {
      const inProcess = await local.check(claim);
      // Timings differ from run to run; everything else is the same answer.
      expect({ ...pooled[i]!, timings: undefined }).toEqual({ ...inProcess, timings: undefined });
      expect(traceOf(pooled[i]!)?.retrieved).toEqual(traceOf(inProcess)?.retrieved);
    }
  });

  it('reports a check’s stages as it runs, and the checker’s other calls cross too', async () => {
    const stages: string[] = [];
    await pool.check(CLAIMS[0]!, { onProgress: (stage) => stages.push(stage) });
    expect(stages).toEqual(['normalize', 'retrieve', 'rerank', 'stance', 'compose']);
    expect(await pool.embed('coffee')).toEqual(await local.embed('coffee'));
    expect(await pool.search('coffee cancer', 3)).toEqual(await local.search('coffee cancer', 3));
    expect(await pool.stance(CLAIMS[0]!, 'Coffee does not cause cancer.')).toEqual(
      await local.stance(CLAIMS[0]!, 'Coffee does not cause cancer.'),
    );
  });

  it('serves from its first worker at a start, and the others join as they load', async () => {
    const early = await startCheckPool(testConfig(sharedIndexDataDir()), createLogger('silent'), {
      size: 2,
      serveFromFirst: true,
    });
    try {
      // The server serves through a gate made now, while one worker is loaded.
      const served = (await createCheckerGate(early).whenReady()) as CheckPool;
      expect(early.size).toBe(1);
      // Answers at once, from the one worker loaded.
      expect((await early.check(CLAIMS[0]!)).verdict).toBe((await local.check(CLAIMS[0]!)).verdict);
      await untilSize(early, 2);
      expect(early.size).toBe(2);
      expect(new Set(early.workers.map((w) => w.threadId)).size).toBe(2);
      // The gate counts the joined workers too: the check queue runs as many checks at once.
      expect(served.size).toBe(2);
    } finally {
      await early.close();
    }
  }, 180_000);

  it(
    'fails a call that runs past CHECK_TIMEOUT_MS with CHECK_TIMEOUT, replaces its worker, and answers the calls queued behind it elsewhere, however many slow calls they meet',
    async () => {
      // A stance over a text of ten thousand one-digit figures takes about 1 s (idle machine);
      // an embedding a few milliseconds. The limit sits well between the two, so a loaded
      // machine slows the slow call further past it without pushing a quick one over.
      const limited = await startCheckPool(
        testConfig(sharedIndexDataDir(), { CHECK_TIMEOUT_MS: 400 }),
        createLogger('silent'),
        { size: 2, warm: true },
      );
      try {
        const before = limited.workers.map((w) => w.threadId);
        const table = Array.from({ length: 10_000 }, (_, i) => `${i % 10}`).join(' ');
        const slow = limited.stance(
          'Sales rose 20 percent',
          `Sales were ${table}.`.slice(0, 20_000),
        );
        // Posted in the same turn: one goes to the idle worker, the next queues behind the slow call.
        const quick = ['coffee', 'tea'].map((text) => limited.embed(text));
        await expect(slow).rejects.toMatchObject({ code: 'CHECK_TIMEOUT' });
        expect(await Promise.all(quick)).toEqual([
          await local.embed('coffee'),
          await local.embed('tea'),
        ]);

        await untilSize(limited, 2);
        const after = limited.workers.map((w) => w.threadId);
        expect(after).toHaveLength(2);
        // Exactly one worker was replaced: the one that ran the slow call.
        expect(after.filter((id) => before.includes(id))).toHaveLength(1);
        expect(await limited.embed('coffee')).toEqual(await local.embed('coffee'));

        // Two slow calls, one on each worker, and a quick one queued behind the first: it goes
        // to the second worker, whose slow call fails in its turn, then waits for a replacement.
        // It was not the cause of either stop, so it is answered, not failed as sent twice.
        const slows = [20, 30].map((rise) =>
          limited.stance(`Sales rose ${rise} percent`, `Sales were ${table}.`.slice(0, 20_000)),
        );
        const behind = limited.embed('tea');
        for (const call of slows)
          await expect(call).rejects.toMatchObject({ code: 'CHECK_TIMEOUT' });
        expect(await behind).toEqual(await local.embed('tea'));
      } finally {
        await limited.close();
      }
    },
    INDEX_BUILD_TIMEOUT_MS,
  );

  it('refuses bad input with the checker’s own error code', async () => {
    await expect(pool.check('   ')).rejects.toMatchObject({ code: 'CLAIM_EMPTY' });
  });

  const sameAnswer = async (claim: string, pooled: Awaited<ReturnType<Checker['check']>>) =>
    expect({ ...pooled, timings: undefined }).toEqual({
      ...(await local.check(claim)),
      timings: undefined,
    });

  it(
    'replaces a worker that dies: the checks it held are answered by the others, and every later one',
    async () => {
      const [victim, survivor] = pool.workers;
      const queued = CLAIMS.map((c) => pool.check(c));
      await victim!.terminate();
      const answered = await Promise.all(queued);
      for (const [i, claim] of CLAIMS.entries()) await sameAnswer(claim, answered[i]!);

      await untilSize(pool, 2);
      expect(pool.workers).toContain(survivor);
      expect(pool.workers).not.toContain(victim);
      const later = await Promise.all(CLAIMS.map((c) => pool.check(c)));
      for (const [i, claim] of CLAIMS.entries()) await sameAnswer(claim, later[i]!);
    },
    INDEX_BUILD_TIMEOUT_MS,
  );

  it(
    'fails a call whose worker died twice under it with a coded error, and still heals',
    async () => {
      const queued = CLAIMS.map((c) =>
        pool.check(c).then(
          () => 'answered',
          (err: unknown) => err,
        ),
      );
      // Both at once: the calls of the first to stop are sent to the second, which stops too.
      await Promise.all(pool.workers.map((w) => w.terminate()));
      const outcomes = await Promise.all(queued);
      for (const outcome of outcomes)
        if (outcome !== 'answered') expect(outcome).toMatchObject({ code: 'INTERNAL' });

      await untilSize(pool, 2);
      await sameAnswer(CLAIMS[0]!, await pool.check(CLAIMS[0]!));
    },
    INDEX_BUILD_TIMEOUT_MS,
  );
});

describe('a server on a check pool', () => {
  const TEA_CLAIM = 'Drinking tea cures the common cold';
  let kb: SmallKnowledge;
  let server: TestServer;
  beforeAll(async () => {
    kb = smallKnowledge({ 'walking.md': WALKING_DOC }, { CHECK_WORKERS: 2 });
    server = await startTestServer(kb.load(), {
      reloadChecker: kb.load,
      // Claims keep coming while the index reloads: more than the anonymous limit allows.
      settings: { RATE_ANON_PER_MINUTE: 1_000_000 },
    });
    await server.server.gate.whenReady();
  }, INDEX_BUILD_TIMEOUT_MS);
  afterAll(async () => {
    await server?.close();
    await server?.server.gate.close();
    kb?.remove();
  });

  const ask = async (claim: string): Promise<CheckResponse> => {
    const res = await fetch(`${server.url}/api/v1/check`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ claim }),
    });
    expect(res.status).toBe(200);
    return (await res.json()) as CheckResponse;
  };

  it(
    'answers a repeated claim from the cache with the same result, until a reload; no check in flight fails during the reload',
    async () => {
      const { cache } = server.server.answers;
      const withoutId = ({ answerId, ...rest }: CheckResponse) => {
        expect(answerId).toEqual(expect.any(String));
        return rest;
      };
      const first = withoutId(await ask(TEA_CLAIM));
      expect(first.citations.some((c) => c.source === 'tea.md')).toBe(false);
      const hits = cache.hits;
      const again = withoutId(await ask(TEA_CLAIM));
      expect(cache.hits).toBe(hits + 1);
      expect(again).toEqual(first);

      kb.write('tea.md', TEA_DOC);
      await kb.ingest();
      const oldVersion = server.server.gate.current().indexVersion;
      // Claims keep arriving (each new, so each is checked) until the reload is done, and then some.
      const reloaded = server.server.gate.reload();
      let isReloaded = false;
      void reloaded.then(() => (isReloaded = true));
      let n = 0;
      const keepAsking = async (): Promise<CheckResponse[]> => {
        const answered: CheckResponse[] = [];
        for (let after = 0; after < 3; after += isReloaded ? 1 : 0)
          answered.push(await ask(`Walking ${n++} minutes a day lowers blood pressure`));
        return answered;
      };
      const answers = (await Promise.all([keepAsking(), keepAsking(), keepAsking()])).flat();
      const versions = new Set(
        await Promise.all(
          answers.map(async (a) => (await server.store.answers.get(a.answerId))?.indexVersion),
        ),
      );
      // Answers came from both indexes: checks ran across the swap, and none failed (ask checks 200).
      expect(versions).toEqual(new Set([oldVersion, (await reloaded).indexVersion]));

      // The cached answer was for the old index: the new one cites the new document.
      const after = await ask(TEA_CLAIM);
      const cited = after.citations.find((c) => c.source === 'tea.md');
      expect(cited).toBeDefined();
      expect(TEA_DOC.slice(cited!.start, cited!.end)).toBe(cited!.quote);
    },
    INDEX_BUILD_TIMEOUT_MS,
  );
});
