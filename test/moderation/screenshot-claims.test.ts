import Database from 'better-sqlite3';
import type { FeedClaim } from '../../src/moderation/events.js';
import type { CheckResponse } from '../../src/server/http/schemas.js';
import { serviceDbFile } from '../../src/store/store.js';
import type { Checker } from '../../src/verdict/checker-types.js';
import { INDEX_BUILD_TIMEOUT_MS, realChecker } from '../server/support/real-checker.js';
import {
  renderStarbucksShots,
  STARBUCKS_SHOTS,
  type StarbucksShot,
} from '../support/screenshot-claims.js';
import {
  login,
  startModerationServer,
  type ModerationTestServer,
} from './support/moderation-server.js';

const TEXT = STARBUCKS_SHOTS.english.text;

let checker: Checker;
let shots: Record<StarbucksShot, Buffer>;

beforeAll(async () => {
  checker = await realChecker();
  shots = await renderStarbucksShots();
}, INDEX_BUILD_TIMEOUT_MS);

afterAll(() => checker?.close());

/** Asks the claim as a screenshot and as typed text; returns both answer ids. */
async function askBothWays(url: string): Promise<{ image: string; typed: string }> {
  const form = new FormData();
  form.append('image', new Blob([new Uint8Array(shots.english)], { type: 'image/png' }), 's.png');
  const image = (await (
    await fetch(`${url}/api/v1/check`, { method: 'POST', body: form })
  ).json()) as CheckResponse;
  const typed = (await (
    await fetch(`${url}/api/v1/check`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ claim: TEXT }),
    })
  ).json()) as CheckResponse;
  return { image: image.answerId, typed: typed.answerId };
}

describe.each([
  ['kept', 'true'],
  ['not kept', 'false'],
])('screenshot claims in moderation, images %s', (_, keep) => {
  let s: ModerationTestServer;
  /** Runs `work` on the server's SQLite file over a connection of the test's own. */
  const inDatabase = <T>(work: (db: Database.Database) => T): T => {
    const db = new Database(serviceDbFile(s.config));
    // Per connection in SQLite: without it, deleting an answer would not cascade to its image.
    db.pragma('foreign_keys = ON');
    try {
      return work(db);
    } finally {
      db.close();
    }
  };
  const imagesKept = () =>
    inDatabase(
      (db) => (db.prepare('SELECT count(*) AS n FROM claim_images').get() as { n: number }).n,
    );
  let session: { cookie: string };
  let ids: { image: string; typed: string };
  const get = (path: string) =>
    fetch(`${s.url}/api/v1/moderate/${path}`, { headers: { cookie: session.cookie } });
  /** The feed once both claims are in it (clustering runs after the answer is sent). */
  async function feed(): Promise<{ image: FeedClaim; typed: FeedClaim }> {
    const until = Date.now() + 60_000;
    for (;;) {
      const items = (await (await get('feed?limit=50')).json()) as FeedClaim[];
      const image = items.find((c) => c.answerId === ids.image);
      const typed = items.find((c) => c.answerId === ids.typed);
      if (image && typed) return { image, typed };
      if (Date.now() > until) throw new Error('timed out waiting for both claims in the feed');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  beforeAll(async () => {
    s = await startModerationServer({ env: { KEEP_IMAGES: keep }, checker });
    const { password } = await s.module.accounts.add('reviewer', 'moderator');
    session = await login(s.url, 'reviewer', password);
    ids = await askBothWays(s.url);
  });
  afterAll(() => s?.close());

  it('puts the screenshot claim in the cluster of its typed version, listed with what was read', async () => {
    const { image, typed } = await feed();
    expect(image.clusterId).toBe(typed.clusterId);
    expect(image.text).toBe(TEXT);
    expect(image.read).toBe(TEXT);
    expect(typed.read).toBeUndefined();
  });

  if (keep === 'true') {
    it('serves a thumbnail of the kept screenshot to moderators only, and deletes it with its answer', async () => {
      expect((await feed()).image.hasImage).toBe(true);
      const thumb = await get(`claims/${ids.image}/image`);
      expect(thumb.status).toBe(200);
      expect(thumb.headers.get('content-type')).toBe('image/webp');
      expect((await thumb.arrayBuffer()).byteLength).toBeGreaterThan(0);
      const anonymous = await fetch(`${s.url}/api/v1/moderate/claims/${ids.image}/image`);
      expect(anonymous.status).toBe(401);

      inDatabase((db) => db.prepare('DELETE FROM chat_answers WHERE id = ?').run(ids.image));
      expect(imagesKept()).toBe(0);
      expect((await get(`claims/${ids.image}/image`)).status).toBe(404);
    });
  } else {
    it('keeps no image: the feed shows the text read, and there is no thumbnail', async () => {
      expect((await feed()).image.hasImage).toBeUndefined();
      expect(imagesKept()).toBe(0);
      const thumb = await get(`claims/${ids.image}/image`);
      expect(thumb.status).toBe(404);
      expect(((await thumb.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
    });
  }
});
