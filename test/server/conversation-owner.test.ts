import { createClientTokens } from '../../src/server/client-token.js';
import type {
  AnswerEvent,
  ClaimAck,
  ClientTokenEvent,
  HistoryAck,
  ProgressEvent,
} from '../../src/server/events.js';
import { issuedToken } from '../support/client-token.js';
import {
  connected,
  nextEvent,
  useRealServer,
  type ChatClient,
  type TestServer,
} from '../support/test-server.js';
import { waitFor } from '../support/wait-for.js';

const CLAIM = 'Are strawberries really the dirtiest fruit?';
const COFFEE = 'Drinking Starbucks coffee gives you cancer';

const real = useRealServer();

const claim = (
  socket: ChatClient,
  message: { id: string; text: string; conversationId?: string },
) => socket.emitWithAck('claim', message) as Promise<ClaimAck>;
const history = (socket: ChatClient, conversationId: string) =>
  socket.emitWithAck('history', { conversationId }) as Promise<HistoryAck>;
const answerTo = (socket: ChatClient, id: string) =>
  nextEvent<AnswerEvent>(socket, 'answer', (a) => a.inReplyTo === id);
const forbidden = {
  ok: false,
  error: { code: 'CONVERSATION_FORBIDDEN', message: expect.any(String) },
};

/**
 * Resolves once nothing more will reach `socket` for what the server has done so far: no check
 * running, and a round trip on its connection (which delivers in order) has come back.
 */
async function settled(server: TestServer, socket: ChatClient): Promise<void> {
  await waitFor(() => server.server.answers.inFlight === 0, 60_000, 'no answer in flight');
  await history(socket, 'conv-settle-0001');
}

/** A socket that records every answer and progress event it is sent. */
function recording(socket: ChatClient) {
  const seen: (AnswerEvent | ProgressEvent)[] = [];
  socket.on('answer', (a) => seen.push(a));
  socket.on('answer:progress', (p) => seen.push(p));
  return seen;
}

describe('a conversation belongs to the client the server issued a token to', () => {
  const conversationId = 'conv-owner-a-0001';
  let tokenA: string;

  it('gives a client that comes without credentials a token, and answers a claim that names no conversation', async () => {
    const script = real.server.client();
    const token = issuedToken(script);
    await connected(script);
    expect(await token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    const answered = answerTo(script, 's1');
    expect(await claim(script, { id: 's1', text: CLAIM })).toEqual({
      ok: true,
      conversationId: expect.any(String),
    });
    expect((await answered).claim).toBe(CLAIM);
  });

  it("refuses another client A's conversation: its history, its live answers, posting into it and follow-ups", async () => {
    const a = real.server.client();
    const issued = issuedToken(a);
    await connected(a);
    tokenA = await issued;
    const first = answerTo(a, 'a1');
    expect(await claim(a, { id: 'a1', text: COFFEE, conversationId })).toMatchObject({ ok: true });
    await first;

    const b = real.server.client();
    await connected(b);
    const seenByB = recording(b);
    // The same refusal as for an id nobody used: it does not tell that the conversation exists.
    expect(await history(b, conversationId)).toEqual(forbidden);
    expect(await history(b, 'conv-never-used-01')).toEqual(forbidden);
    expect(await claim(b, { id: 'b1', text: 'Posted by someone else', conversationId })).toEqual(
      forbidden,
    );
    expect(await claim(b, { id: 'b2', text: 'why?', conversationId })).toEqual(forbidden);

    // A's next answer goes to A alone, live, with its progress.
    const second = answerTo(a, 'a2');
    expect(await claim(a, { id: 'a2', text: CLAIM, conversationId })).toMatchObject({ ok: true });
    await second;
    await settled(real.server, b);
    expect(seenByB).toEqual([]);
    const own = await history(a, conversationId);
    expect(own.ok && own.messages.map((m) => m.id)).toEqual(['a1', 'a2']);
  });

  it('gives A its conversation back when it reconnects with its token, follow-ups included', async () => {
    const back = real.server.client({ auth: { clientToken: tokenA } });
    const reissued: ClientTokenEvent[] = [];
    back.on('client:token', (t) => reissued.push(t));
    await connected(back);
    const loaded = await history(back, conversationId);
    expect(loaded).toMatchObject({
      ok: true,
      messages: [
        { id: 'a1', answer: { inReplyTo: 'a1', verdict: 'REFUTED' } },
        { id: 'a2', answer: { inReplyTo: 'a2' } },
      ],
    });
    // A client that has a token is not given another.
    expect(reissued).toEqual([]);
    const why = answerTo(back, 'a3');
    expect(await claim(back, { id: 'a3', text: 'why?', conversationId })).toMatchObject({
      ok: true,
    });
    expect(await why).toMatchObject({ followUp: 'why', conversationId });
  });

  it('refuses a forged token, or one signed with another key, at connection with CLIENT_TOKEN_INVALID', async () => {
    const [id] = tokenA.split('.');
    const forgeries = [
      `${id}.${'A'.repeat(43)}`,
      createClientTokens('another-server-secret-of-32-chars!!').issue('someone').token,
      'not a token',
    ];
    for (const clientToken of forgeries) {
      const socket = real.server.client({ auth: { clientToken }, reconnection: false });
      const err = (await connected(socket).catch((e: unknown) => e)) as { data?: { code: string } };
      expect(err.data?.code).toBe('CLIENT_TOKEN_INVALID');
    }
  });
});

describe('conversations from before client tokens', () => {
  it("keep working for the browser whose id they were stored under, and that browser's token then opens them", async () => {
    const { store } = real.server;
    const legacy = 'legacy-browser-0001';
    await store.conversations.ensure('conv-legacy-0001', store.clientHash(`widget:${legacy}`));
    await store.conversations.add('conv-legacy-0001', 'l1', 'An old claim', 'claim');

    const old = real.server.client({ auth: { clientId: legacy } });
    const token = issuedToken(old);
    await connected(old);
    expect(await history(old, 'conv-legacy-0001')).toMatchObject({
      ok: true,
      messages: [{ id: 'l1', text: 'An old claim' }],
    });
    const upgraded = real.server.client({ auth: { clientToken: await token } });
    await connected(upgraded);
    expect(await history(upgraded, 'conv-legacy-0001')).toMatchObject({ ok: true });

    // A made-up id that owns nothing is a new client, not a key to anything.
    const madeUp = real.server.client({ auth: { clientId: 'legacy-browser-0002' } });
    await connected(madeUp);
    expect(await history(madeUp, 'conv-legacy-0001')).toEqual(forbidden);
  });

  it('keep working from the address of the script that began them without credentials', async () => {
    const { store } = real.server;
    const script = real.server.client();
    await connected(script);
    const ip = real.server.server.chat.nsp.sockets.get(script.id!)!.data.ip;
    await store.conversations.ensure('conv-legacy-ip01', store.clientHash(`ip:${ip}`));
    await store.conversations.add('conv-legacy-ip01', 'p1', 'A scripted claim', 'claim');
    expect(await history(script, 'conv-legacy-ip01')).toMatchObject({
      ok: true,
      messages: [{ id: 'p1' }],
    });
    await store.conversations.ensure('conv-legacy-ip02', store.clientHash('ip:192.0.2.7'));
    expect(await history(script, 'conv-legacy-ip02')).toEqual(forbidden);
  });
});
