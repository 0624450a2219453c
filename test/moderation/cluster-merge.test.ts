import fs from 'node:fs';
import { createLogger } from '../../src/logger.js';
import { citedKeys, claimFeatures } from '../../src/moderation/claim-features.js';
import { claimSimilarity } from '../../src/moderation/similarity.js';
import { glossChinese } from '../../src/moderation/chinese-gloss.js';
import { ModeratorAccounts } from '../../src/moderation/moderator-accounts.js';
import { ModerationService } from '../../src/moderation/moderation-service.js';
import { openStore, type Store } from '../../src/store/store.js';
import type { CheckResult } from '../../src/types.js';
import type { Checker } from '../../src/verdict/checker-types.js';
import {
  INDEX_BUILD_TIMEOUT_MS,
  realChecker,
  tempDir,
  testConfig,
} from '../server/support/real-checker.js';

// Two wordings of one rumor about the April inventory, and a forward that says both.
const FIRST = 'Eating strawberries is dangerous because of pesticide residue';
const SECOND = 'Strawberries top the list of pesticide-laden produce';
const BRIDGE = 'Strawberries are dangerous to eat: they top the list for pesticide residue';

describe('clusters that drift together merge', () => {
  let checker: Checker;
  let dir: string;
  let store: Store;
  const results = new Map<string, CheckResult>();
  let threshold: number;

  const service = () =>
    new ModerationService({
      store,
      config: testConfig(dir, { MOD_CLUSTER_THRESHOLD: threshold }),
      logger: createLogger('silent'),
      features: { embed: checker.embed, search: checker.search, gloss: glossChinese },
      check: (text) => checker.check(text),
      publicUrl: '',
    });

  beforeAll(async () => {
    checker = await realChecker();
    for (const text of [FIRST, SECOND, BRIDGE]) results.set(text, await checker.check(text));
    // The real pair scores decide the join threshold of this test: above the two wordings'
    // own score (they start apart), and low enough that once the bridge joins the first, the
    // average link of the two clusters reaches it.
    const source = { embed: checker.embed, search: checker.search, gloss: glossChinese };
    const f = (text: string) => {
      const r = results.get(text)!;
      return claimFeatures(text, source, r.englishQuery, citedKeys(r.citations));
    };
    const [a, b, c] = [await f(FIRST), await f(SECOND), await f(BRIDGE)];
    const ab = claimSimilarity(a, b).score;
    const ac = claimSimilarity(a, c).score;
    const bc = claimSimilarity(b, c).score;
    const highest = (ab + bc) / 2;
    expect(ac).toBeGreaterThan(bc);
    expect(highest - ab).toBeGreaterThan(0.02);
    threshold = (ab + highest) / 2;
    dir = tempDir('factcheck-merge-');
    store = await openStore(testConfig(dir));
  }, INDEX_BUILD_TIMEOUT_MS);
  afterAll(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
    await checker.close();
  });

  it('keeps the older id, moves claims and the reviewed answer, tells the console, survives a restart', async () => {
    const moderation = service();
    const events: [string, unknown][] = [];
    moderation.subscribe((event, ...args) => events.push([event, args[0]]));
    const ask = (text: string) =>
      moderation.record({ answerId: null, text, result: results.get(text)!, channel: 'rest' });

    const first = await ask(FIRST);
    const second = await ask(SECOND);
    expect(second.clusterId).not.toBe(first.clusterId);
    // A moderator reviews the younger cluster; the answer must follow its claims.
    const accounts = new ModeratorAccounts(store.moderators, 3_600_000);
    const { moderator } = await accounts.add('mod', 'moderator');
    const { curated } = await moderation.saveCurated(moderator, second.clusterId, {
      verdict: 'REFUTED',
      answer: 'Reviewed.',
      citations: [],
    });

    const bridge = await ask(BRIDGE);
    expect(bridge.clusterId).toBe(first.clusterId);
    expect(events).toContainEqual([
      'cluster:merged',
      { kept: first.clusterId, absorbed: second.clusterId },
    ]);
    const pushed = events.filter(([e]) => e === 'cluster').at(-1)![1] as {
      id: string;
      count: number;
    };
    expect(pushed).toMatchObject({ id: first.clusterId, count: 3 });

    const merged = await moderation.cluster(first.clusterId);
    expect(merged.claims.map((c) => c.text).sort()).toEqual([BRIDGE, FIRST, SECOND].sort());
    expect(merged.counts.total).toBe(3);
    expect(merged.curated?.id).toBe(curated.id);
    // The absorbed id still finds the cluster that took its claims.
    expect((await moderation.cluster(second.clusterId)).id).toBe(first.clusterId);
    expect((await moderation.listClusters()).map((c) => c.id)).toEqual([first.clusterId]);

    // A fresh service over the same database: one cluster, and the reviewed answer still serves.
    const again = service();
    expect(await again.listClusters()).toHaveLength(1);
    const screened = await again.screen(SECOND, results.get(SECOND)!);
    expect(screened.reviewed).toMatchObject({ kind: 'curated', clusterId: first.clusterId });
    expect(await again.matchesCurated(SECOND)).toBe(true);
  });
});
