import type { AnswerEvent, ClaimAck } from '../../src/server/events.js';
import type { Checker } from '../../src/verdict/checker-types.js';
import {
  connected,
  nextEvent,
  startTestServer,
  type ChatClient,
  type TestServer,
} from '../support/test-server.js';
import {
  login,
  postCurated,
  startModerationServer,
} from '../moderation/support/moderation-server.js';
import { heldChecker, type HeldChecker } from './support/held-checker.js';
import { INDEX_BUILD_TIMEOUT_MS, realChecker } from './support/real-checker.js';

const COFFEE = 'Drinking Starbucks coffee gives you cancer';

const post = (server: TestServer, claim: string) =>
  fetch(`${server.url}/api/v1/check`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ claim }),
  });
const claim = (socket: ChatClient, id: string, text: string) =>
  socket.emitWithAck('claim', { id, text }) as Promise<ClaimAck>;
const answerTo = (socket: ChatClient, id: string) =>
  nextEvent<AnswerEvent>(socket, 'answer', (a) => a.inReplyTo === id);
/** A client of its own: the queue takes turns by client (the widget's id). */
async function clientNamed(server: TestServer, clientId: string): Promise<ChatClient> {
  const socket = server.client({ auth: { clientId } });
  await connected(socket);
  return socket;
}

let real: Checker;
beforeAll(async () => {
  real = await realChecker();
}, INDEX_BUILD_TIMEOUT_MS);
afterAll(() => real?.close());

describe('admission when the checker is busy', () => {
  let held: HeldChecker;
  let server: TestServer;
  beforeEach(async () => {
    held = heldChecker(real);
    // No waiting at all: with the one check slot taken, the next claim is refused.
    server = await startTestServer(held.checker, { settings: { CHECK_QUEUE_MAX_WAIT_MS: 0 } });
  });
  afterEach(async () => {
    held.release();
    await server.close();
  });

  it('refuses a REST claim at once with 503 BUSY and Retry-After, and still answers the one it accepted', async () => {
    held.hold();
    const accepted = post(server, COFFEE);
    await held.whenStarted(1);
    const refused = await post(server, 'Walking every day lowers blood pressure');
    expect(refused.status).toBe(503);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await refused.json()).toMatchObject({ error: { code: 'BUSY' } });
    held.release();
    const answered = await accepted;
    expect(answered.status).toBe(200);
    expect(await answered.json()).toMatchObject({ claim: COFFEE, verdict: 'REFUTED' });
    expect(held.started).toEqual([COFFEE]);
  });

  it('nacks a socket claim with BUSY, and still answers the one it accepted', async () => {
    const socket = await clientNamed(server, 'busy-client-1');
    held.hold();
    const answered = answerTo(socket, 'm1');
    expect(await claim(socket, 'm1', COFFEE)).toMatchObject({ ok: true });
    await held.whenStarted(1);
    expect(await claim(socket, 'm2', 'Walking every day lowers blood pressure')).toEqual({
      ok: false,
      error: { code: 'BUSY', message: expect.any(String) },
    });
    held.release();
    expect(await answered).toMatchObject({ inReplyTo: 'm1', verdict: 'REFUTED' });
  });

  it('answers a claim from the cache even while busy: a repeat needs no check', async () => {
    const first = await post(server, COFFEE);
    expect(first.status).toBe(200);
    held.hold();
    const accepted = post(server, 'Walking every day lowers blood pressure');
    await held.whenStarted(2);
    const repeat = await post(server, `  ${COFFEE}\n`);
    expect(repeat.status).toBe(200);
    held.release();
    expect((await accepted).status).toBe(200);
    expect(held.started).toEqual([COFFEE, 'Walking every day lowers blood pressure']);
  });
});

describe('repeats of a claim being checked', () => {
  it('share its one check, even when the queue is full', async () => {
    const held = heldChecker(real);
    const server = await startTestServer(held.checker, {
      settings: { CHECK_QUEUE_MAX_WAIT_MS: 0 },
    });
    try {
      held.hold();
      const first = post(server, COFFEE);
      await held.whenStarted(1);
      const repeats = [post(server, COFFEE), post(server, ` ${COFFEE} `)];
      held.release();
      const answers = await Promise.all([first, ...repeats]);
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
      const bodies = (await Promise.all(answers.map((a) => a.json()))) as { verdict: string }[];
      expect(new Set(bodies.map((b) => b.verdict))).toEqual(new Set(['REFUTED']));
      expect(held.started).toEqual([COFFEE]);
    } finally {
      held.release();
      await server.close();
    }
  });
});

describe('fair turns', () => {
  it('answers a second client before the rest of a flood from the first, over sockets', async () => {
    const held = heldChecker(real);
    const server = await startTestServer(held.checker);
    try {
      const flooder = await clientNamed(server, 'flooding-client');
      const other = await clientNamed(server, 'patient-client');
      held.hold();
      const flood = Array.from({ length: 8 }, (_, i) => `Claim number ${i} from the flood`);
      const acks = await Promise.all(flood.map((text, i) => claim(flooder, `f${i}`, text)));
      expect(acks.every((a) => a.ok)).toBe(true);
      await held.whenStarted(1);
      const answered = answerTo(other, 'p1');
      expect(await claim(other, 'p1', COFFEE)).toMatchObject({ ok: true });
      held.release();
      await answered;
      await held.whenStarted(flood.length + 1);
      // Under one FIFO it would be ninth; with turns by client it follows the flood's second.
      expect(held.started.indexOf(COFFEE)).toBe(2);
      expect(new Set(held.started)).toEqual(new Set([...flood, COFFEE]));
    } finally {
      held.release();
      await server.close();
    }
  });
});

describe('the query cache and reviews', () => {
  it('forgets cached checks when a moderator saves a reviewed answer', async () => {
    const s = await startModerationServer({ checker: real });
    try {
      const { cache } = s.server.answers;
      const ask = () =>
        fetch(`${s.url}/api/v1/check`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ claim: COFFEE }),
        });
      expect((await ask()).status).toBe(200);
      expect(cache.size).toBe(1);
      const { password } = await s.module.accounts.add('mod', 'moderator');
      const session = await login(s.url, 'mod', password);
      const [cluster] = await s.module.moderation.listClusters();
      const res = await postCurated(s.url, session, cluster!.id, {
        verdict: 'NOT_ENOUGH_INFO',
        answer: 'No trusted document settles this.',
        citations: [],
      });
      expect(res.status).toBe(201);
      expect(cache.size).toBe(0);
      const misses = cache.misses;
      const again = await ask();
      expect(cache.misses).toBe(misses + 1);
      expect(await again.json()).toMatchObject({ verdict: 'NOT_ENOUGH_INFO' });
    } finally {
      await s.close();
    }
  });
});
