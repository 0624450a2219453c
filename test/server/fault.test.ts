import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { io as connect } from 'socket.io-client';
import { PROJECT_ROOT } from '../../src/config/config.js';
import type { AnswerEvent, ClaimAck, HistoryAck } from '../../src/server/events.js';
import { issuedToken } from '../support/client-token.js';
import { serveProcess, type ServeProcess } from '../support/serve-process.js';
import { connected, type ChatClient } from '../support/test-server.js';
import { waitFor } from '../support/wait-for.js';
import {
  INDEX_BUILD_TIMEOUT_MS,
  realChecker,
  sharedIndexDataDir,
  tempDir,
} from './support/real-checker.js';

/**
 * Kill -9 under load: `factcheck serve` as a child process on a temporary data folder (a copy of
 * the test index), loaded by sockets posting claims, REST checks, votes and a moderator saving
 * curated answers, is SIGKILLed mid-load and restarted on the same folder. Everything the first
 * process acknowledged (claim acks, answer ids, 2xx votes, 2xx moderator actions) must be there.
 */

const SOCKETS = 4;
const CLAIMS = [
  'Are strawberries really the dirtiest fruit?',
  'Drinking Starbucks coffee gives you cancer',
  'Vaccines cause autism',
  'Microwaving food destroys all its nutrients',
  'You lose most of your body heat through your head',
];

let dataDir: string;
let env: NodeJS.ProcessEnv;
let child: ServeProcess | undefined;

/** Starts `factcheck serve` on the test's folder and resolves with its URL once ready. */
async function serve(): Promise<string> {
  child = await serveProcess(env);
  return child.url;
}

const kill9 = (): Promise<void> => child?.kill9() ?? Promise.resolve();

function json(url: string, route: string, body?: unknown, headers: Record<string, string> = {}) {
  return fetch(`${url}${route}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

beforeAll(async () => {
  // The shared test index, built when missing; the child processes read a copy of it.
  await (await realChecker()).close();
  dataDir = tempDir('factcheck-fault-');
  fs.cpSync(sharedIndexDataDir(), dataDir, { recursive: true });
  env = {
    ...process.env,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    HOST: '127.0.0.1',
    // One address sends all the load: the abuse limits would refuse most of it.
    RATE_ANON_PER_MINUTE: '1000000',
    RATE_SOCKET_CLAIMS_PER_MINUTE: '1000000',
    VOTE_VOTERS_PER_ADDRESS: '1000000',
  };
}, INDEX_BUILD_TIMEOUT_MS);

afterAll(async () => {
  await kill9();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('SIGKILL under load', () => {
  it('keeps every acknowledged claim, answer, vote and moderator action across a restart', async () => {
    const added = spawnSync(
      process.execPath,
      ['bin/factcheck.js', 'moderators', 'add', 'keeper', '--role', 'admin'],
      { cwd: PROJECT_ROOT, env, encoding: 'utf8' },
    );
    expect(added.status).toBe(0);
    const password = added.stdout.trim().split('\n').pop()!;

    const url = await serve();
    const login = await json(url, '/api/v1/moderate/login', { name: 'keeper', password });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const mod = { cookie, 'x-csrf-token': csrfToken };

    /** What the first process acknowledged. */
    const acked: { token: Promise<string>; conversationId: string; id: string }[] = [];
    const answerIds = new Set<string>();
    const votes = new Map<string, number>();
    let curated = 0;
    let killed = false;

    const sockets: ChatClient[] = [];
    const socketLoad = Array.from({ length: SOCKETS }, async (_, n) => {
      const socket: ChatClient = connect(`${url}/chat`, {
        transports: ['websocket'],
        reconnection: false,
      });
      sockets.push(socket);
      const token = issuedToken(socket);
      await connected(socket);
      socket.on('answer', (a: AnswerEvent) => answerIds.add(a.answerId));
      // Under the 200 messages a history returns, so every acknowledged one can be looked up.
      for (let i = 0; !killed && i < 150; i++) {
        const id = `f${n}-${i}`;
        const ack = await socket
          .timeout(30_000)
          .emitWithAck('claim', { id, text: CLAIMS[(n + i) % CLAIMS.length]! })
          .catch(() => undefined);
        if (!ack) return;
        if ((ack as ClaimAck).ok)
          acked.push({
            token,
            conversationId: (ack as { conversationId: string }).conversationId,
            id,
          });
      }
    });
    const restLoad = (async () => {
      for (let i = 0; !killed; i++) {
        try {
          const res = await json(url, '/api/v1/check', { claim: CLAIMS[i % CLAIMS.length] });
          if (res.status !== 200) continue;
          const { answerId } = (await res.json()) as { answerId: string };
          answerIds.add(answerId);
          const vote = await json(url, `/api/v1/answers/${answerId}/feedback`, {
            helpful: i % 2 === 0,
          });
          if (vote.status >= 200 && vote.status < 300)
            votes.set(answerId, (votes.get(answerId) ?? 0) + 1);
        } catch {
          return; // the server is gone
        }
      }
    })();
    const moderatorLoad = (async () => {
      const verdicts = ['SUPPORTED', 'REFUTED', 'NOT_ENOUGH_INFO'];
      // At most what one page of the audit listing shows, so all of them can be counted back.
      for (let i = 0; !killed && i < 500; i++) {
        try {
          const clusters = (await (
            await json(url, '/api/v1/moderate/clusters', undefined, { cookie })
          ).json()) as { id: string }[];
          if (!Array.isArray(clusters) || clusters.length === 0) continue;
          const res = await json(
            url,
            `/api/v1/moderate/clusters/${clusters[i % clusters.length]!.id}/curated`,
            { verdict: verdicts[i % 3], answer: `Reviewed ${i}.`, citations: [] },
            mod,
          );
          if (res.status >= 200 && res.status < 300) curated++;
        } catch {
          return;
        }
      }
    })();

    // Kill while every kind of load is still running, once each has had something acknowledged.
    await waitFor(
      () => acked.length >= 12 && votes.size >= 3 && curated >= 2,
      120_000,
      'acknowledged claims, votes and moderator actions',
    );
    await kill9();
    killed = true;
    for (const s of sockets) s.disconnect();
    await Promise.all([...socketLoad, restLoad, moderatorLoad]);

    const again = await serve();
    // Every answer id handed out, with at least the votes that were acknowledged.
    for (const id of answerIds) {
      const res = await json(again, `/api/v1/answers/${id}`);
      expect({ id, status: res.status }).toEqual({ id, status: 200 });
      const { feedback } = (await res.json()) as {
        feedback: { helpful: number; notHelpful: number };
      };
      expect(feedback.helpful + feedback.notHelpful).toBeGreaterThanOrEqual(votes.get(id) ?? 0);
    }
    // Every acknowledged claim, in its conversation, for the client that owns it.
    const byConversation = new Map<string, { token: Promise<string>; ids: string[] }>();
    for (const a of acked) {
      const entry = byConversation.get(a.conversationId) ?? { token: a.token, ids: [] };
      entry.ids.push(a.id);
      byConversation.set(a.conversationId, entry);
    }
    for (const [conversationId, { token, ids }] of byConversation) {
      const socket: ChatClient = connect(`${again}/chat`, {
        transports: ['websocket'],
        reconnection: false,
        auth: { clientToken: await token },
      });
      try {
        await connected(socket);
        const history = (await socket.emitWithAck('history', { conversationId })) as HistoryAck;
        expect(history.ok).toBe(true);
        const stored = new Set(history.ok ? history.messages.map((m) => m.id) : []);
        expect(ids.filter((id) => !stored.has(id))).toEqual([]);
      } finally {
        socket.disconnect();
      }
    }
    // Every moderator action that got a 2xx is in the audit log.
    const relog = await json(again, '/api/v1/moderate/login', { name: 'keeper', password });
    const cookie2 = (relog.headers.get('set-cookie') ?? '').split(';')[0]!;
    // The listing's largest page (its default is 100: a fast run acknowledges more than that).
    const audit = (await (
      await json(again, '/api/v1/moderate/audit?limit=500', undefined, { cookie: cookie2 })
    ).json()) as { action: string }[];
    expect(audit.filter((e) => e.action.startsWith('curated.')).length).toBeGreaterThanOrEqual(
      curated,
    );
    await kill9();
  }, 300_000);
});
