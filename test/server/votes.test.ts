import { createClientTokens } from '../../src/server/client-token.js';
import type { Checker } from '../../src/verdict/checker-types.js';
import { newClientToken } from '../support/client-token.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

/** Voters one address may add per answer on this server. */
const CAP = 3;
/** The key this server signs client tokens with, as an operator running several nodes sets it. */
const SECRET = 'votes-test-client-token-key-0123456789';

let server: TestServer;

beforeAll(async () => {
  // Votes need stored answers, not the checker: one that never loads keeps this file fast.
  server = await startTestServer(new Promise<Checker>(() => undefined), {
    settings: {
      VOTE_VOTERS_PER_ADDRESS: CAP,
      TRUST_PROXY: true,
      RATE_ANON_PER_MINUTE: 10_000,
      CLIENT_TOKEN_SECRET: SECRET,
    },
  });
});
afterAll(() => server.close());

/** A stored answer to vote on, as the chat or the REST API would have stored it. */
async function storedAnswer(): Promise<string> {
  const { answerId } = await server.store.answers.save({
    result: {
      claim: 'Garlic in socks cures a fever',
      verdict: 'NOT_ENOUGH_INFO',
      confidence: 0.5,
      answer: 'Nothing in the collection settles this.',
      citations: [],
    },
    indexVersion: 'test',
    channel: 'rest',
    latencyMs: 1,
  });
  return answerId;
}

async function vote(answerId: string, helpful: boolean, headers: Record<string, string> = {}) {
  const res = await fetch(`${server.url}/api/v1/answers/${answerId}/feedback`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify({ helpful }),
  });
  return {
    status: res.status,
    body: (await res.json()) as {
      feedback?: { helpful: number; notHelpful: number };
      error?: { code: string };
    },
  };
}

describe('feedback votes', () => {
  it('counts 30 votes with fresh X-Client-Id values from one address as one voter', async () => {
    const answerId = await storedAnswer();
    for (let i = 0; i < 30; i++) {
      const res = await vote(answerId, i % 2 === 0, { 'X-Client-Id': `made-up-client-${i}` });
      expect(res.status).toBe(201);
    }
    // The last vote (i = 29, not helpful) replaced all the earlier ones.
    expect(await server.store.answers.votes(answerId)).toEqual({ helpful: 0, notHelpful: 1 });
  });

  it('counts one vote per client token, a second vote replacing the first', async () => {
    const answerId = await storedAnswer();
    const token = await newClientToken(server.url);
    expect((await vote(answerId, true, { 'X-Client-Token': token })).body.feedback).toEqual({
      helpful: 1,
      notHelpful: 0,
    });
    expect((await vote(answerId, false, { 'X-Client-Token': token })).body.feedback).toEqual({
      helpful: 0,
      notHelpful: 1,
    });
  });

  it('takes at most the capped number of clients from one address per answer, and counts other addresses and answers on their own', async () => {
    const answerId = await storedAnswer();
    const tokens = await Promise.all(
      Array.from({ length: CAP + 2 }, () => newClientToken(server.url)),
    );
    const from = (ip: string, token: string) => ({
      'X-Forwarded-For': ip,
      'X-Client-Token': token,
    });
    const statuses = [];
    for (const token of tokens)
      statuses.push((await vote(answerId, true, from('198.51.100.1', token))).status);
    expect(statuses).toEqual([...Array(CAP).fill(201), 429, 429]);
    const refused = await vote(answerId, true, from('198.51.100.1', tokens[CAP]));
    expect(refused.body.error?.code).toBe('VOTE_LIMIT_REACHED');
    expect(await server.store.answers.votes(answerId)).toEqual({ helpful: CAP, notHelpful: 0 });

    // A counted client may still change its vote.
    expect((await vote(answerId, false, from('198.51.100.1', tokens[0]))).body.feedback).toEqual({
      helpful: CAP - 1,
      notHelpful: 1,
    });
    // The cap is per address and per answer.
    expect((await vote(answerId, true, from('198.51.100.2', tokens[CAP]))).status).toBe(201);
    expect((await vote(await storedAnswer(), true, from('198.51.100.1', tokens[CAP]))).status).toBe(
      201,
    );
  });

  it('refuses a forged client token with CLIENT_TOKEN_INVALID and records nothing', async () => {
    const answerId = await storedAnswer();
    const [id] = (await newClientToken(server.url)).split('.');
    const res = await vote(answerId, true, { 'X-Client-Token': `${id}.forged` });
    expect(res.status).toBe(401);
    expect(res.body.error?.code).toBe('CLIENT_TOKEN_INVALID');
    expect(await server.store.answers.votes(answerId)).toEqual({ helpful: 0, notHelpful: 0 });
  });

  it('signs client tokens with CLIENT_TOKEN_SECRET when it is set, so every node takes them', async () => {
    const tokens = createClientTokens(SECRET);
    expect(tokens.verify(await newClientToken(server.url))).toEqual(expect.any(String));
    const fromAnotherNode = tokens.issue().token;
    expect(
      (await vote(await storedAnswer(), true, { 'X-Client-Token': fromAnotherNode })).status,
    ).toBe(201);
  });
});
