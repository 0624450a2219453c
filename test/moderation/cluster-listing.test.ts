import { createLogger } from '../../src/logger.js';
import type { ClusterSummary, FeedClaim } from '../../src/moderation/events.js';
import { ModerationService } from '../../src/moderation/moderation-service.js';
import type { Moderator } from '../../src/store/moderation-accounts.js';
import type { ClusterClaim } from '../../src/store/moderation-clusters.js';
import type { CheckResult } from '../../src/types.js';
import {
  login,
  startModerationServer,
  type ModerationTestServer,
} from './support/moderation-server.js';

const MINUTE = 60_000;
const DAY = 86_400_000;
const LISTED = 50;

/** A machine answer as the chat hands it to moderation (clustering reads only the verdict). */
const answered = (text: string): CheckResult => ({
  claim: text,
  verdict: 'NOT_ENOUGH_INFO',
  confidence: 0.4,
  answer: 'Not enough information.',
  citations: [],
});

describe('cluster listings at scale', () => {
  let s: ModerationTestServer;
  let session: { cookie: string };
  let moderator: Moderator;
  let stored: ClusterClaim[];

  /**
   * Stores a claim asked at `askedAt` in cluster `clusterId` (made on its first claim), with the
   * lexical-only features the service saves while the checker is loading.
   */
  const ask = async (clusterId: string, text: string, askedAt: number): Promise<ClusterClaim> => {
    const repo = s.module.moderation.clusters;
    if (!(await repo.getCluster(clusterId))) await repo.createCluster(clusterId, text, askedAt);
    const claim = await repo.addClaim({
      clusterId,
      answerId: `answer-${stored.length}`,
      text,
      channel: 'rest',
      asker: { kind: 'rest' },
      askedAt,
      similarity: 1,
      verdict: 'NOT_ENOUGH_INFO',
      confidence: 0.4,
      curatedId: null,
      features: {},
    });
    stored.push(claim);
    return claim;
  };

  const get = async <T>(route: string): Promise<T> => {
    const res = await fetch(`${s.url}/api/v1/moderate/${route}`, {
      headers: { cookie: session.cookie },
    });
    expect(res.status).toBe(200);
    return (await res.json()) as T;
  };

  beforeEach(async () => {
    stored = [];
    s = await startModerationServer({ env: { MOD_TRENDING_DAYS: '30' } });
    const added = await s.module.accounts.add('mod', 'moderator');
    moderator = added.moderator;
    session = await login(s.url, 'mod', added.password);
  });
  afterEach(() => s.close());

  it('lists only clusters asked within MOD_TRENDING_DAYS, most active first, at most `limit`', async () => {
    const now = Date.now();
    for (let i = 0; i < 5; i++)
      await ask('stale', 'The bridge collapsed last spring', now - 40 * DAY);
    await ask('once', 'Schools close for a month', now - 2 * MINUTE);
    for (let i = 0; i < 3; i++)
      await ask('busy', 'Tap water carries a new virus', now - i * MINUTE);
    await ask('this-week', 'Fuel prices double tomorrow', now - 3 * DAY);

    const ids = (list: ClusterSummary[]) => list.map((c) => c.id);
    expect(ids(await get('clusters'))).toEqual(['busy', 'once', 'this-week']);
    expect(ids(await get('clusters?limit=2'))).toEqual(['busy', 'once']);
    expect(ids(await get('clusters?order=growth&limit=1'))).toEqual(['busy']);
    // An old cluster is still reachable by id, with its counts.
    const stale = await get<ClusterSummary>('clusters/stale');
    expect([stale.count, stale.counts.week]).toEqual([5, 0]);
  });

  it('refuses listing parameters out of range with VALIDATION_FAILED instead of guessing', async () => {
    for (const route of [
      'clusters?limit=0',
      'clusters?limit=501',
      'clusters?limit=ten',
      'clusters?order=sideways',
      'feed?limit=-3',
      'search?q=%20%20',
      'search?q=milk&k=99',
    ]) {
      const res = await fetch(`${s.url}/api/v1/moderate/${route}`, {
        headers: { cookie: session.cookie },
      });
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect([route, res.status, body.error.code]).toEqual([route, 400, 'VALIDATION_FAILED']);
      expect(body.error.message).toMatch(/^Invalid query: (limit|order|q|k): /);
    }
  });

  it("lists a cluster's most recent claims, oldest of them first, with the true count and activity", async () => {
    const now = Date.now();
    const total = LISTED + 10;
    for (let i = 0; i < total; i++) {
      await ask('viral', 'Milk from the north is contaminated', now - (total - i) * MINUTE);
    }
    await ask('quiet', 'The airport closes on Friday', now - 2 * DAY);
    const latest = stored.filter((c) => c.clusterId === 'viral').slice(-LISTED);

    const [viral] = await get<ClusterSummary[]>('clusters');
    const byId = await get<ClusterSummary>('clusters/viral');
    for (const summary of [viral, byId]) {
      expect(summary.id).toBe('viral');
      expect(summary.count).toBe(total);
      expect(summary.claims.map((c) => c.id)).toEqual(latest.map((c) => c.id));
      // Asked 1 to 60 minutes ago: 59 within the hour, all 60 within the day.
      expect(summary.counts).toEqual({ hour: total - 1, day: total, week: total, total });
      expect(summary.sparkline.slice(-2)).toEqual([1, total - 1]);
    }
  });

  it('feeds the newest claims first, at most `limit`', async () => {
    const now = Date.now();
    for (let i = 0; i < 8; i++)
      await ask(`c${i % 3}`, `Rumor number ${i % 3} spreads`, now - 8 + i);
    const feed = await get<FeedClaim[]>('feed?limit=3');
    expect(feed.map((c) => c.id)).toEqual(
      stored
        .slice(-3)
        .reverse()
        .map((c) => c.id),
    );
    expect(feed[0]).toMatchObject({ clusterId: 'c1', text: 'Rumor number 1 spreads' });
    expect(await get<FeedClaim[]>('feed')).toHaveLength(8);
  });

  it('after a restart matches new claims against clusters asked within the window and curated ones however old', async () => {
    const now = Date.now();
    const STALE = 'The old dam near the city will burst this winter';
    const REVIEWED = 'Eating raw garlic cures the seasonal flu in a day';
    const RECENT = 'The main train station is closed for repairs all week';
    await ask('stale', STALE, now - 40 * DAY);
    await ask('reviewed', REVIEWED, now - 40 * DAY);
    await ask('recent', RECENT, now - DAY);
    const curated = await s.module.moderation.curated.add({
      clusterId: 'reviewed',
      verdict: 'REFUTED',
      answer: 'Garlic does not cure the flu.',
      citations: [],
      moderatorId: moderator.id,
      createdAt: now - 39 * DAY,
    });

    const restarted = new ModerationService({
      store: s.store,
      config: s.config,
      logger: createLogger('silent'),
      publicUrl: '',
    });
    const record = (text: string) =>
      restarted.record({ answerId: null, text, result: answered(text), channel: 'rest' });
    expect((await record(RECENT)).clusterId).toBe('recent');
    expect((await record(STALE)).clusterId).not.toBe('stale');
    const screened = await restarted.screen(REVIEWED, answered(REVIEWED));
    expect(screened.reviewed).toMatchObject({
      kind: 'curated',
      clusterId: 'reviewed',
      curatedId: curated.id,
    });
    expect((await record(REVIEWED)).clusterId).toBe('reviewed');
  });

  it('stops matching clusters that leave the window while it runs, as a restart would, but keeps reviewed ones', async () => {
    let clock = Date.now();
    const running = new ModerationService({
      store: s.store,
      config: s.config,
      logger: createLogger('silent'),
      publicUrl: '',
      now: () => clock,
    });
    const record = (text: string) =>
      running.record({ answerId: null, text, result: answered(text), channel: 'rest' });
    const DORMANT = 'The old dam near the city will burst this winter';
    const REVIEWED = 'Eating raw garlic cures the seasonal flu in a day';
    const dormant = await record(DORMANT);
    const reviewed = await record(REVIEWED);
    await s.module.moderation.curated.add({
      clusterId: reviewed.clusterId,
      verdict: 'REFUTED',
      answer: 'Garlic does not cure the flu.',
      citations: [],
      moderatorId: moderator.id,
      createdAt: clock,
    });
    expect((await record(DORMANT)).clusterId).toBe(dormant.clusterId);

    clock += 31 * DAY;
    expect((await record(DORMANT)).clusterId).not.toBe(dormant.clusterId);
    expect((await record(REVIEWED)).clusterId).toBe(reviewed.clusterId);
  });
});
