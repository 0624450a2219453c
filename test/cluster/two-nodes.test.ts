import http from 'node:http';
import { io as connect, type Socket } from 'socket.io-client';
import { newWebhookSecret } from '../../src/bots/webhook-bots.js';
import {
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  signWebhook,
} from '../../src/bots/webhook-signature.js';
import type { FeedClaim } from '../../src/moderation/events.js';
import {
  moderationPlugin,
  type ModerationHandle,
} from '../../src/server/moderate/moderation-plugin.js';
import type { CheckResult } from '../../src/types.js';
import { login, moderateRequest, postCurated } from '../moderation/support/moderation-server.js';
import { INDEX_BUILD_TIMEOUT_MS } from '../server/support/real-checker.js';
import {
  smallKnowledge,
  TEA_DOC,
  WALKING_DOC,
  type SmallKnowledge,
} from '../server/support/small-knowledge.js';
import { listenLocally } from '../support/listen.js';
import { startPostgres, type PostgresServer } from '../support/postgres.js';
import { startRedis, type TestRedis } from '../support/redis.js';
import { connected, nextEvent, startTestServer, type TestServer } from '../support/test-server.js';
import { waitFor } from '../support/wait-for.js';

/** One node of the service: a server and what its moderation plugin built. */
interface Node {
  server: TestServer;
  handle: ModerationHandle;
  url: string;
}

const RATE_PER_MINUTE = 10;
const TEA_CLAIM = 'Drinking tea cures the common cold';

/** A request from `address` (the nodes trust X-Forwarded-For, as behind the proxy). */
const from = (address: string, init: RequestInit = {}): RequestInit => ({
  ...init,
  headers: { ...(init.headers as Record<string, string>), 'x-forwarded-for': address },
});

const postJson = (url: string, body: unknown, address: string) =>
  fetch(
    url,
    from(address, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
  );

describe('two nodes sharing one Redis and one PostgreSQL', () => {
  let redis: TestRedis;
  let postgres: PostgresServer;
  let databaseUrl: string;
  let kb: SmallKnowledge;
  let a: Node;
  let b: Node;
  const sockets: Socket[] = [];

  /** A node over the shared data folder (index), the shared PostgreSQL and the shared Redis. */
  async function startNode(): Promise<Node> {
    let handle: ModerationHandle | undefined;
    const server = await startTestServer(kb.load(), {
      reloadChecker: () => kb.load(),
      plugins: [moderationPlugin({ onBuilt: (h) => (handle = h), clientDir: kb.dir })],
      clientDir: kb.dir,
      settings: {
        REDIS_URL: redis.url,
        DATABASE_URL: databaseUrl,
        DATA_DIR: kb.config.DATA_DIR,
        KNOWLEDGE_DIR: kb.knowledgeDir,
        TRUST_PROXY: true,
        RATE_ANON_PER_MINUTE: RATE_PER_MINUTE,
        MOD_LOGIN_ATTEMPTS: 2,
        // Long enough that no wait runs out while a test still asserts on it.
        MOD_LOGIN_DELAY_S: 600,
        WEBHOOK_ALLOW_PRIVATE: true,
        WEBHOOK_RETRY_BASE_MS: 50,
      },
    });
    await server.server.gate.whenReady();
    if (!handle) throw new Error('the moderation plugin did not report what it built');
    return { server, handle, url: server.url };
  }

  beforeAll(async () => {
    redis = await startRedis();
    postgres = await startPostgres();
    databaseUrl = await postgres.createDatabase();
    kb = smallKnowledge({ 'walking.md': WALKING_DOC });
    await kb.ingest();
    a = await startNode();
    b = await startNode();
  }, INDEX_BUILD_TIMEOUT_MS);

  afterAll(async () => {
    for (const s of sockets) s.close();
    await a?.server.close();
    await b?.server.close();
    await a?.server.server.gate.close();
    await b?.server.server.gate.close();
    await redis?.stop();
    await postgres?.stop();
    kb?.remove();
  });

  it('shows a claim asked on node A in a moderation console connected to node B', async () => {
    const { password } = await a.handle.module.accounts.add('watcher', 'moderator');
    const { cookie } = await login(b.url, 'watcher', password);
    const feed = connect(`${b.url}/moderate`, {
      transports: ['websocket'],
      extraHeaders: { cookie },
    });
    sockets.push(feed);
    await new Promise<void>((resolve, reject) => {
      feed.once('connect', () => resolve());
      feed.once('connect_error', reject);
    });
    const seen = new Promise<FeedClaim>((resolve) =>
      feed.on('claim', (claim: FeedClaim) => {
        if (claim.text === 'Walking lowers blood pressure') resolve(claim);
      }),
    );
    const res = await postJson(
      `${a.url}/api/v1/check`,
      { claim: 'Walking lowers blood pressure' },
      '192.0.2.1',
    );
    expect(res.status).toBe(200);
    expect((await seen).channel).toBe('rest');
  });

  it('closes a console on node B when its session is ended on node A', async () => {
    const { password } = await a.handle.module.accounts.add('leaver', 'moderator');
    const session = await login(a.url, 'leaver', password);
    const feed = connect(`${b.url}/moderate`, {
      transports: ['websocket'],
      extraHeaders: { cookie: session.cookie },
    });
    sockets.push(feed);
    await new Promise<void>((resolve, reject) => {
      feed.once('connect', () => resolve());
      feed.once('connect_error', reject);
    });
    const ended = new Promise<{ code: string; reason: string }>((resolve) =>
      feed.once('session:ended', resolve),
    );
    const closed = new Promise<string>((resolve) => feed.once('disconnect', resolve));
    const out = await fetch(`${a.url}/api/v1/moderate/logout`, {
      method: 'POST',
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken },
    });
    expect(out.status).toBeLessThan(300);
    expect(await ended).toMatchObject({ code: 'SESSION_ENDED', reason: 'logout' });
    expect(await closed).toBe('io server disconnect');
  });

  it('sends a review saved by a moderator on node B to the widget on node A that asked', async () => {
    const widget = a.server.client();
    await connected(widget);
    // Like no other claim of this file: a reviewed answer also answers claims close to it.
    const text = 'The harbour ferry will stop running all next winter';
    const ack = await widget.emitWithAck('claim', { id: 'm1', text });
    if (!ack.ok) throw new Error(ack.error.message);
    const first = await nextEvent<{ answerId: string; verdict: string }>(widget, 'answer');
    const { password } = await a.handle.module.accounts.add('reviewer', 'moderator');
    const session = await login(b.url, 'reviewer', password);
    // Node B's console lists the claim A answered (clustering runs behind the answer).
    const cluster = await waitFor(
      async () => {
        const res = await moderateRequest(b.url, session, 'GET', 'clusters');
        const list = (await res.json()) as { id: string; claim: string }[];
        return list.find((c) => c.claim === text);
      },
      30_000,
      "the claim's cluster on node B",
    );
    const verdict = first.verdict === 'REFUTED' ? 'SUPPORTED' : 'REFUTED';
    const updated = nextEvent<{ answerId: string; verdict: string }>(widget, 'answer:updated');
    const saved = await postCurated(b.url, session, cluster.id, {
      verdict,
      answer: 'Reviewed by a person on the other node.',
      citations: [],
    });
    expect(saved.status).toBe(201);
    expect(await updated).toMatchObject({ answerId: first.answerId, verdict });
  });

  it("empties node B's cached checks when a review on node A empties A's", async () => {
    const asked = await postJson(
      `${b.url}/api/v1/check`,
      { claim: 'Walking every day lowers blood pressure' },
      '198.51.100.20',
    );
    expect(asked.status).toBe(200);
    const cacheOfB = b.server.server.answers.cache;
    expect(cacheOfB.size).toBeGreaterThan(0);
    // What the moderation plugin does when a reviewed answer is saved.
    a.server.server.answers.invalidateCache();
    await waitFor(() => cacheOfB.size === 0);
  });

  it('counts requests to both nodes against one rate limit', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < RATE_PER_MINUTE; i++) {
      const node = i % 2 === 0 ? a : b;
      statuses.push((await fetch(`${node.url}/api/v1/sources`, from('198.51.100.9'))).status);
    }
    expect(statuses.every((s) => s !== 429)).toBe(true);
    // Each node alone has seen half the limit; together they have used it up.
    for (const node of [a, b]) {
      const refused = await fetch(`${node.url}/api/v1/sources`, from('198.51.100.9'));
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
    }
    // Another address is not touched.
    expect((await fetch(`${b.url}/api/v1/sources`, from('198.51.100.10'))).status).not.toBe(429);
  });

  it('accepts on node B a session cookie issued by node A, until it is ended on B', async () => {
    const { password } = await a.handle.module.accounts.add('roamer', 'moderator');
    const session = await login(a.url, 'roamer', password);
    const onB = () =>
      fetch(
        `${b.url}/api/v1/moderate/session`,
        from('198.51.100.30', { headers: { cookie: session.cookie } }),
      );
    expect((await onB()).status).toBe(200);
    const out = await fetch(
      `${b.url}/api/v1/moderate/logout`,
      from('198.51.100.30', {
        method: 'POST',
        headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken },
      }),
    );
    expect(out.status).toBe(204);
    const onA = await fetch(
      `${a.url}/api/v1/moderate/session`,
      from('198.51.100.30', { headers: { cookie: session.cookie } }),
    );
    expect(onA.status).toBe(401);
  });

  it('holds a login wait earned by failures on node A on node B too', async () => {
    const { password } = await a.handle.module.accounts.add('guarded', 'admin');
    const attempt = (node: Node, pw: string) =>
      postJson(
        `${node.url}/api/v1/moderate/login`,
        { name: 'guarded', password: pw },
        '203.0.113.5',
      );
    expect((await attempt(a, 'wrong-1')).status).toBe(401);
    expect((await attempt(a, 'wrong-2')).status).toBe(401);
    const onB = await attempt(b, password);
    expect(onB.status).toBe(429);
    expect(((await onB.json()) as { error: { code: string } }).error.code).toBe('RATE_LIMITED');
    // The wait is the address's: the account still opens from elsewhere, on either node.
    expect(
      (
        await postJson(
          `${b.url}/api/v1/moderate/login`,
          { name: 'guarded', password },
          '203.0.113.6',
        )
      ).status,
    ).toBe(200);
  });

  it('reloads node B when node A has ingested a change, so B answers from the new document', async () => {
    let asks = 0;
    const check = async (node: Node) => {
      // Each ask from its own address: the polling below would run into the rate limit.
      const address = `192.0.2.${100 + (asks++ % 150)}`;
      const res = await postJson(`${node.url}/api/v1/check`, { claim: TEA_CLAIM }, address);
      expect(res.status).toBe(200);
      return (await res.json()) as CheckResult;
    };
    const citesTea = (result: CheckResult) =>
      result.citations.some((c) => c.source === 'tea-and-colds.md');
    expect(citesTea(await check(b))).toBe(false);
    kb.write('tea-and-colds.md', TEA_DOC);
    // As SIGHUP does on node A: ingest the folder, then serve the new index.
    await a.server.server.ingest.submit({ action: 'reload', file: null });
    let answered: CheckResult | undefined;
    for (const until = Date.now() + 120_000; Date.now() < until;) {
      answered = await check(b);
      if (citesTea(answered)) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(answered && citesTea(answered)).toBe(true);
  }, 180_000);

  it('acts once on a signed webhook claim that reaches both nodes, and delivers one answer', async () => {
    const received: string[] = [];
    const receiver = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        received.push(body);
        res.writeHead(200).end();
      });
    });
    const callback = `${await listenLocally(receiver)}/hook`;
    try {
      const secret = newWebhookSecret();
      await a.server.store.bots.add('relay', callback, secret, Date.now());
      const body = JSON.stringify({ text: 'Walking lowers blood pressure', ref: 'r1' });
      const timestamp = Math.floor(Date.now() / 1000);
      const signed = {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [TIMESTAMP_HEADER]: String(timestamp),
          [SIGNATURE_HEADER]: signWebhook(secret, timestamp, body),
        },
        body,
      };
      // A proxy retrying on another node sends the very same signed request again.
      const statuses = (
        await Promise.all(
          [a, b].map((node) => fetch(`${node.url}/bots/webhook/relay/claims`, signed)),
        )
      ).map((r) => r.status);
      expect(statuses.sort()).toEqual([202, 409]);
      await waitFor(() => received.length > 0, 60_000, 'the answer delivery');
      expect(received).toHaveLength(1);
      expect(JSON.parse(received[0]!)).toMatchObject({ type: 'answer', ref: 'r1' });
    } finally {
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
    }
  });
});
