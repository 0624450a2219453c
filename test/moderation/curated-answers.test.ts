import fs from 'node:fs';
import path from 'node:path';
import { io as connect } from 'socket.io-client';
import type { Correction } from '../../src/moderation/corrections.js';
import type { FeedClaim } from '../../src/moderation/events.js';
import type { Origin as Asker } from '../../src/types.js';
import type { CheckResult } from '../../src/types.js';
import type { Checker } from '../../src/verdict/checker-types.js';
import {
  moderationPlugin,
  type ModerationHandle,
} from '../../src/server/moderate/moderation-plugin.js';
import { INDEX_BUILD_TIMEOUT_MS, realChecker } from '../server/support/real-checker.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { login, postCurated } from './support/moderation-server.js';
import { verdictOtherThan } from './support/verdicts.js';

// Rumors from the April rumor inventory in knowledge/, answered by the real checker.
const FROM_GROUP = 'Eating strawberries is dangerous because of pesticide residue!!!';
const ASKS = [
  [
    'Eating strawberries is dangerous because of pesticide residue',
    { kind: 'widget', conversationId: 'conv-1' },
  ],
  ['Foxconn cancelled its Wisconsin factory', { kind: 'rest' }],
  [FROM_GROUP, { kind: 'telegram', chatId: -5, messageId: 9 }],
  [
    'Strawberries: eating them is dangerous, pesticide residue',
    { kind: 'widget', conversationId: 'conv-2' },
  ],
] as const;
/** A later ask of the rumor, worded once more. */
const LATER = 'Eating strawberries is dangerous because of pesticide residue.';

type ModerationServer = TestServer & Pick<ModerationHandle, 'module'>;

/** The whole service with moderation on (as `factcheck serve` runs it), and what moderation built. */
async function startModeration(checker: Checker | Promise<Checker>): Promise<ModerationServer> {
  let handle: ModerationHandle | undefined;
  const server = await startTestServer(checker, {
    plugins: [moderationPlugin({ onBuilt: (h) => (handle = h) })],
  });
  if (!handle) throw new Error('the moderation plugin did not report what it built');
  return Object.assign(server, { module: handle.module });
}

describe('clusters and curated answers', () => {
  let s: ModerationServer;
  let session: { cookie: string; csrfToken: string };
  let checker: Checker;
  const corrections: { correction: Correction; asker: Asker }[] = [];
  /** The real checker's answers, one check per text. */
  const answers = new Map<string, Promise<CheckResult>>();
  const machine = (claim: string): Promise<CheckResult> => {
    if (!answers.has(claim)) answers.set(claim, checker.check(claim));
    return answers.get(claim)!;
  };

  beforeAll(async () => {
    checker = await realChecker();
    // Check every claim up front: a check holds the event loop for a while, and the HTTP
    // client's kept-alive connection can be reset by the server if that happens between calls.
    for (const text of [...ASKS.map(([t]) => t), LATER]) await machine(text);
  }, INDEX_BUILD_TIMEOUT_MS);
  // Each test gets a service of its own (an empty database) and builds the state it reads.
  beforeEach(async () => {
    s = await startModeration(checker);
    const { password } = await s.module.accounts.add('mod', 'moderator');
    session = await login(s.url, 'mod', password);
    corrections.length = 0;
    for (const kind of ['widget', 'telegram'] as const) {
      s.module.moderation.setSink(kind, async (correction, asker) => {
        corrections.push({ correction, asker });
      });
    }
  });
  afterEach(() => s.close());
  afterAll(() => checker.close());

  /** Records the asks of ASKS as the service records answered claims (ids ans-0 to ans-3). */
  const recordAsks = async () => {
    for (const [i, [text, asker]] of ASKS.entries()) {
      await s.module.moderation.record({
        answerId: `ans-${i}`,
        text,
        result: await machine(text),
        channel: asker.kind === 'telegram' ? 'telegram' : 'widget',
        asker,
      });
    }
  };

  /** The largest cluster, reviewed with a verdict none of its askers was told; that verdict. */
  const curateTop = async (answer: string): Promise<CheckResult['verdict']> => {
    const [top] = (await get('clusters')) as {
      id: string;
      claims: { verdict: CheckResult['verdict'] }[];
    }[];
    const verdict = verdictOtherThan(top.claims.map((c) => c.verdict));
    const res = await postCurated(s.url, session, top.id, { verdict, answer, citations: [] });
    expect(res.status).toBe(201);
    return verdict;
  };

  const get = async (route: string) => {
    const res = await fetch(`${s.url}/api/v1/moderate/${route}`, {
      headers: { cookie: session.cookie },
    });
    expect(res.status).toBe(200);
    return res.json() as Promise<unknown>;
  };

  it('searches the knowledge base for citations with exact spans, refusing empty and overlong text', async () => {
    const hits = (await get('search?q=pesticide%20residue%20strawberries&k=3')) as {
      source: string;
      start: number;
      end: number;
      quote: string;
    }[];
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.length).toBeLessThanOrEqual(3);
    for (const hit of hits) {
      const text = fs.readFileSync(path.join(s.config.KNOWLEDGE_DIR, hit.source), 'utf8');
      expect(text.slice(hit.start, hit.end)).toBe(hit.quote);
    }
    for (const q of ['', '%20%20', 'a'.repeat(s.config.MAX_CLAIM_LENGTH + 1)]) {
      const res = await fetch(`${s.url}/api/v1/moderate/search?q=${q}`, {
        headers: { cookie: session.cookie },
      });
      expect([res.status, ((await res.json()) as { error: { code: string } }).error.code]).toEqual([
        400,
        'VALIDATION_FAILED',
      ]);
    }
  });

  it('groups repeats of a rumor and lists clusters most active first', async () => {
    const socket = connect(`${s.url}/moderate`, {
      transports: ['websocket'],
      extraHeaders: { cookie: session.cookie },
    });
    const fed: FeedClaim[] = [];
    socket.on('claim', (c) => fed.push(c as FeedClaim));
    await new Promise<void>((resolve) => socket.on('connect', () => resolve()));

    const texts = ASKS;
    await recordAsks();
    const clusters = (await get('clusters')) as {
      id: string;
      claim: string;
      count: number;
      claims: { text: string }[];
    }[];
    expect(clusters.map((c) => c.count)).toEqual([3, 1]);
    expect(clusters[0].claim).toBe(texts[0][0]);
    expect(clusters[0].claims.map((c) => c.text)).toEqual([texts[0][0], texts[2][0], texts[3][0]]);
    expect(clusters[0]).toHaveProperty('id');

    for (let i = 0; i < 50 && fed.length < 4; i++) await new Promise((r) => setTimeout(r, 20));
    socket.close();
    expect(fed.map((c) => c.text)).toEqual(texts.map((t) => t[0]));
    const told = await machine(texts[0][0]);
    expect(fed[0]).toMatchObject({
      verdict: told.verdict,
      confidence: told.confidence,
      channel: 'widget',
    });
  });

  it('saves a curated answer, logs it and corrects every earlier asker told another verdict', async () => {
    await recordAsks();
    const [top] = (await get('clusters')) as {
      id: string;
      claims: { verdict: CheckResult['verdict'] }[];
    }[];
    // Overrule the real checker: a verdict none of the askers was told.
    const verdict = verdictOtherThan(top.claims.map((c) => c.verdict));
    const noCsrf = await fetch(`${s.url}/api/v1/moderate/clusters/${top.id}/curated`, {
      method: 'POST',
      headers: { cookie: session.cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ verdict, answer: 'x', citations: [] }),
    });
    expect(noCsrf.status).toBe(403);

    const res = await postCurated(s.url, session, top.id, {
      verdict,
      answer: 'No trusted document settles this.',
      citations: [],
    });
    expect(res.status).toBe(201);
    expect(((await res.json()) as { corrections: number }).corrections).toBe(3);
    expect(corrections.map((c) => c.correction.answerId).sort()).toEqual([
      'ans-0',
      'ans-2',
      'ans-3',
    ]);
    const toBot = corrections.find((c) => c.asker.kind === 'telegram')!;
    expect(toBot.asker).toEqual({ kind: 'telegram', chatId: -5, messageId: 9 });
    expect(toBot.correction).toMatchObject({
      previousVerdict: (await machine(FROM_GROUP)).verdict,
      verdict,
      reviewer: 'mod',
      answer: 'No trusted document settles this.',
    });
    expect(toBot.correction.url).toMatch(/\/a\/ans-2$/);

    const audit = (await get('audit')) as {
      action: string;
      moderatorName: string;
      before: unknown;
      after: { verdict: string };
    }[];
    expect(audit[0]).toMatchObject({
      action: 'curated.create',
      moderatorName: 'mod',
      before: null,
    });
    expect(audit[0].after.verdict).toBe(verdict);
  });

  it('does not correct askers again when the verdict they were told stands', async () => {
    await recordAsks();
    const curatedVerdict = await curateTop('No trusted document settles this.');
    const [top] = (await get('clusters')) as { id: string }[];
    corrections.length = 0;
    const res = await postCurated(s.url, session, top.id, {
      verdict: curatedVerdict,
      answer: 'Reworded: nothing settles this.',
      citations: [],
    });
    expect(((await res.json()) as { corrections: number }).corrections).toBe(0);
    expect(corrections).toHaveLength(0);
    expect(((await get('audit')) as { action: string }[])[0].action).toBe('curated.update');
  });

  it('gives later matching claims the curated answer, marked as reviewed by a person', async () => {
    await recordAsks();
    const curatedVerdict = await curateTop('Reworded: nothing settles this.');
    const text = LATER;
    const told = await machine(text);
    const screened = await s.module.moderation.screen(text, told);
    expect(screened).toMatchObject({
      verdict: curatedVerdict,
      answer: 'Reworded: nothing settles this.',
      reviewed: { kind: 'curated', reviewer: 'mod', machine: { verdict: told.verdict } },
    });
    const other = 'Foxconn cancelled its Wisconsin factory';
    const otherTold = await machine(other);
    expect((await s.module.moderation.screen(other, otherTold)).reviewed).toBeUndefined();
    expect(await s.module.moderation.matchesCurated(text)).toBe(true);
    expect(await s.module.moderation.matchesCurated(other)).toBe(false);
  });

  it('refuses bad curated answers with coded errors', async () => {
    await recordAsks();
    const post = (id: string, body: unknown) => postCurated(s.url, session, id, body);
    const [top] = (await get('clusters')) as { id: string }[];
    const wrongVerdict = await post(top.id, { verdict: 'MAYBE', answer: 'x', citations: [] });
    expect(((await wrongVerdict.json()) as { error: { code: string } }).error.code).toBe(
      'VALIDATION_FAILED',
    );
    const missing = await post('no-such-cluster', {
      verdict: 'REFUTED',
      answer: 'x',
      citations: [],
    });
    expect(missing.status).toBe(404);
    const spans = await post(top.id, {
      verdict: 'REFUTED',
      answer: 'x',
      citations: [{ docId: 'd', start: 0, end: 5 }],
    });
    expect(((await spans.json()) as { error: { code: string; message: string } }).error).toEqual({
      code: 'VALIDATION_FAILED',
      message: expect.stringContaining('no such span'),
    });
  });

  it('refuses cited curated answers while the index is not ready', async () => {
    // A checker that never finishes loading: the index stays not ready.
    const loading = await startModeration(new Promise<Checker>(() => undefined));
    try {
      const { password } = await loading.module.accounts.add('mod', 'moderator');
      const session2 = await login(loading.url, 'mod', password);
      const text = 'Eating strawberries is dangerous because of pesticide residue';
      await loading.module.moderation.record({
        answerId: 'ans-loading',
        text,
        result: await machine(text),
        channel: 'widget',
        asker: { kind: 'widget', conversationId: 'conv-loading' },
      });
      const [top] = (await (
        await fetch(`${loading.url}/api/v1/moderate/clusters`, {
          headers: { cookie: session2.cookie },
        })
      ).json()) as { id: string }[];
      const res = await postCurated(loading.url, session2, top.id, {
        verdict: 'REFUTED',
        answer: 'x',
        citations: [{ docId: 'd', start: 0, end: 5 }],
      });
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe(
        'INDEX_NOT_READY',
      );
    } finally {
      await loading.close();
    }
  });

  it('keeps clusters across a restart of the service', async () => {
    await recordAsks();
    await curateTop('No trusted document settles this.');
    const { ModerationService } = await import('../../src/moderation/moderation-service.js');
    const { createLogger } = await import('../../src/logger.js');
    const again = new ModerationService({
      store: s.store,
      config: s.config,
      logger: createLogger('silent'),
      publicUrl: '',
    });
    const text = LATER;
    expect((await again.screen(text, await machine(text))).reviewed?.kind).toBe('curated');
  });
});
