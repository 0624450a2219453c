import { socketMaxBufferBytes } from '../../src/config/config.js';
import type { AnswerEvent, ClaimAck, HistoryAck, ProgressEvent } from '../../src/server/events.js';
import {
  connected,
  nextEvent,
  startTestServer,
  useRealServer,
  type ChatClient,
  type TestServer,
} from '../support/test-server.js';
import { issuedToken } from '../support/client-token.js';
import { waitFor } from '../support/wait-for.js';

const CLAIM = 'Are strawberries really the dirtiest fruit?';
const COFFEE = 'Drinking Starbucks coffee gives you cancer';

const real = useRealServer();

const claim = (
  socket: ChatClient,
  message: { id: string; text: unknown; conversationId?: string },
) => socket.emitWithAck('claim', message as never) as Promise<ClaimAck>;
const answerTo = (socket: ChatClient, id: string) =>
  nextEvent<AnswerEvent>(socket, 'answer', (a) => a.inReplyTo === id);
/**
 * Resolves once every answer the server will send `socket` has arrived: no check is running on
 * the server any more, and a round trip on the same connection comes back after anything the
 * server emitted before it (one connection delivers in order).
 */
async function settled(server: TestServer, socket: ChatClient): Promise<void> {
  await waitFor(() => server.server.answers.inFlight === 0, 60_000, 'no answer in flight');
  await socket.emitWithAck('history', { conversationId: 'conv-settle-0001' });
}

describe('/chat claims', () => {
  it('acknowledges a claim, reports progress by stage, then answers into the conversation', async () => {
    const socket = real.server.client();
    await connected(socket);
    const stages: string[] = [];
    socket.on('answer:progress', (p: ProgressEvent) => stages.push(p.stage));
    const answered = answerTo(socket, 'm1');
    const ack = await claim(socket, { id: 'm1', text: COFFEE });
    expect(ack).toEqual({ ok: true, conversationId: expect.any(String) });
    const answer = await answered;
    expect(answer).toMatchObject({
      inReplyTo: 'm1',
      claim: COFFEE,
      conversationId: ack.ok && ack.conversationId,
    });
    // The bundled rumor inventory answers this one: acrylamide, 318 cups a day (checker.e2e.test.ts).
    expect(answer.verdict).toBe('REFUTED');
    expect(answer.citations.some((c) => /acrylamide|318 cups/i.test(c.quote))).toBe(true);
    expect(answer.answer).toContain('[1]');
    expect(stages).toEqual(expect.arrayContaining(['normalize', 'retrieve', 'compose']));
    expect(stages.indexOf('retrieve')).toBeLessThan(stages.indexOf('compose'));
    const stored = await real.server.store.answers.get(answer.answerId);
    expect(stored).toMatchObject({
      channel: 'widget',
      verdict: answer.verdict,
      indexVersion: real.checker.indexVersion,
    });
  });

  it('answers the same client message id once, however often it is sent', async () => {
    const socket = real.server.client();
    await connected(socket);
    const answers: AnswerEvent[] = [];
    socket.on('answer', (a) => answers.push(a));
    const conversationId = 'conv-idempotent-1';
    const acks = await Promise.all([
      claim(socket, { id: 'same', text: COFFEE, conversationId }),
      claim(socket, { id: 'same', text: COFFEE, conversationId }),
    ]);
    expect(acks.every((a) => a.ok)).toBe(true);
    expect(acks.filter((a) => a.ok && a.duplicate)).toHaveLength(1);
    await waitFor(() => answers.some((a) => a.inReplyTo === 'same'), 20_000);
    await settled(real.server, socket);
    expect(answers.filter((a) => a.inReplyTo === 'same')).toHaveLength(1);
    // Sent again later (the client missed the answer): the same stored answer comes back.
    const late = await claim(socket, { id: 'same', text: COFFEE, conversationId });
    expect(late).toMatchObject({ ok: true, duplicate: true });
    await waitFor(() => answers.filter((a) => a.inReplyTo === 'same').length === 2, 20_000);
    expect(new Set(answers.map((a) => a.answerId)).size).toBe(1);
    expect(await real.server.store.conversations.history(conversationId)).toHaveLength(1);
    expect(
      (await real.server.store.answers.since(0)).filter((a) => a.conversationId === conversationId),
    ).toHaveLength(1);
  });

  it('expands the last answer for "why?", "sources?", "more" and their Chinese forms instead of checking them', async () => {
    const socket = real.server.client();
    await connected(socket);
    const conversationId = 'conv-follow-ups';
    const first = answerTo(socket, 'c1');
    await claim(socket, { id: 'c1', text: COFFEE, conversationId });
    const original = await first;

    const ask = async (id: string, text: string) => {
      const answered = answerTo(socket, id);
      expect(await claim(socket, { id, text, conversationId })).toMatchObject({ ok: true });
      return answered;
    };
    const why = await ask('f1', 'why?');
    expect(why).toMatchObject({
      followUp: 'why',
      answerId: original.answerId,
      verdict: original.verdict,
    });
    expect(why.answer).not.toBe(original.answer);
    for (const c of original.citations) expect(why.answer).toContain(`[${c.n}]`);

    const sources = await ask('f2', 'Sources?');
    expect(sources.followUp).toBe('sources');
    for (const c of original.citations) expect(sources.answer).toContain(c.title);

    const more = await ask('f3', 'more');
    expect(more.followUp).toBe('more');
    expect(more.citations.slice(0, original.citations.length)).toEqual(original.citations);
    for (const extra of more.citations.slice(original.citations.length)) {
      expect(
        original.citations.some(
          (c) => c.docId === extra.docId && c.start < extra.end && extra.start < c.end,
        ),
      ).toBe(false);
    }

    const zh = await ask('f4', '为什么？');
    expect(zh.followUp).toBe('why');
    expect(zh.answer).toMatch(/\p{Script=Han}/u);
    expect(
      (await real.server.store.answers.since(0)).filter((a) => a.conversationId === conversationId),
    ).toHaveLength(1);
  });

  it('refuses a follow-up in a conversation with no answer yet', async () => {
    const socket = real.server.client();
    await connected(socket);
    const ack = await claim(socket, { id: 'w', text: 'why?', conversationId: 'conv-empty-0001' });
    expect(ack).toMatchObject({ ok: false, error: { code: 'NOTHING_TO_EXPAND' } });
  });

  it.each([
    ['no text', { id: 'x1' }, 'VALIDATION_FAILED'],
    ['a number for text', { id: 'x2', text: 7 }, 'VALIDATION_FAILED'],
    ['no message id', { text: CLAIM }, 'VALIDATION_FAILED'],
    [
      'a malformed conversation id',
      { id: 'x3', text: CLAIM, conversationId: '../etc' },
      'VALIDATION_FAILED',
    ],
    ['an empty claim', { id: 'x4', text: '   ' }, 'CLAIM_EMPTY'],
    ['control characters', { id: 'x5', text: 'hi\u001b[31m' }, 'CLAIM_INVALID_CHARACTERS'],
    ['a claim over the limit', { id: 'x6', text: '谣'.repeat(2001) }, 'CLAIM_TOO_LONG'],
  ])('nacks %s with a coded error', async (_name, message, code) => {
    const socket = real.server.client();
    await connected(socket);
    const ack = await claim(socket, message as { id: string; text: unknown });
    expect(ack).toEqual({ ok: false, error: { code, message: expect.any(String) } });
  });

  it('drops a socket that sends a message larger than the buffer cap, and keeps serving others', async () => {
    const socket = real.server.client({ reconnection: false });
    await connected(socket);
    const closed = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    // The cap makes room for a screenshot (OCR_MAX_IMAGE_BYTES): go just past it.
    const cap = socketMaxBufferBytes(real.server.config);
    socket.emit('claim', { id: 'big', text: 'x'.repeat(cap + 1) }, () => undefined);
    expect(await closed).toMatch(/close|error/);
    const other = real.server.client();
    await connected(other);
    const ack = await claim(other, { id: 'ok', text: '' });
    expect(ack).toMatchObject({ ok: false, error: { code: 'CLAIM_EMPTY' } });
  });
});

describe('/chat history and reconnection', () => {
  it('returns a conversation with its answers to a later connection of the same client', async () => {
    const first = real.server.client();
    const token = issuedToken(first);
    await connected(first);
    const conversationId = 'conv-history-01';
    const answered = answerTo(first, 'h1');
    await claim(first, { id: 'h1', text: CLAIM, conversationId });
    const answer = await answered;
    first.disconnect();

    const later = real.server.client({ auth: { clientToken: await token } });
    await connected(later);
    const history = (await later.emitWithAck('history', { conversationId })) as HistoryAck;
    expect(history.ok).toBe(true);
    if (!history.ok) return;
    expect(history.messages).toEqual([
      expect.objectContaining({
        id: 'h1',
        text: CLAIM,
        answer: expect.objectContaining({ answerId: answer.answerId, inReplyTo: 'h1' }),
      }),
    ]);
    expect(await later.emitWithAck('history', { conversationId: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
  });

  it('recovers the connection after a drop and delivers the answer it missed, once', async () => {
    const socket = real.server.client();
    await connected(socket);
    const answers: AnswerEvent[] = [];
    socket.on('answer', (a) => answers.push(a));
    const ack = await claim(socket, { id: 'r1', text: COFFEE, conversationId: 'conv-recover-01' });
    expect(ack.ok).toBe(true);
    const reconnected = new Promise<void>((resolve) =>
      socket.io.once('reconnect', () => resolve()),
    );
    socket.io.engine.close();
    await reconnected;
    await connected(socket);
    expect(socket.recovered).toBe(true);
    await waitFor(() => answers.some((a) => a.inReplyTo === 'r1'), 20_000);
    await settled(real.server, socket);
    expect(answers.filter((a) => a.inReplyTo === 'r1')).toHaveLength(1);
  });

  it('checks a message resent after a reconnect that lost the acknowledgement once, and sends that answer', async () => {
    const socket = real.server.client();
    const token = issuedToken(socket);
    await connected(socket);
    // As the widget does: reconnect as the same client even if the session is not recovered.
    socket.auth = { clientToken: await token };
    const answers: AnswerEvent[] = [];
    socket.on('answer', (a) => answers.push(a));
    socket.emit(
      'claim',
      { id: 'lost-ack', text: CLAIM, conversationId: 'conv-resend-01' },
      () => undefined,
    );
    socket.io.engine.close();
    await new Promise<void>((resolve) => socket.io.once('reconnect', () => resolve()));
    await connected(socket);
    const resent = await claim(socket, {
      id: 'lost-ack',
      text: CLAIM,
      conversationId: 'conv-resend-01',
    });
    expect(resent.ok).toBe(true);
    await waitFor(() => answers.some((a) => a.inReplyTo === 'lost-ack'), 20_000);
    await settled(real.server, socket);
    // A recovered session also replays the answer it missed, so it may come twice: the same one.
    const stored = (await real.server.store.answers.since(0)).filter(
      (a) => a.conversationId === 'conv-resend-01',
    );
    expect(stored).toHaveLength(1);
    expect(new Set(answers.map((a) => a.answerId))).toEqual(new Set([stored[0].answerId]));
  });
});

describe('/chat limits and access', () => {
  let limited: TestServer;
  beforeAll(async () => {
    limited = await startTestServer(real.checker, {
      settings: { RATE_SOCKET_CLAIMS_PER_MINUTE: 2, CORS_ORIGINS: 'https://allowed.example' },
    });
  });
  afterAll(() => limited.close());

  it('nacks claims over the per-address limit with RATE_LIMITED, but not those of a keyed socket', async () => {
    const socket = limited.client();
    await connected(socket);
    const codes = [];
    for (let i = 0; i < 3; i++) {
      const ack = await claim(socket, { id: `rl${i}`, text: '' });
      codes.push(ack.ok ? 'ok' : ack.error.code);
    }
    expect(codes).toEqual(['CLAIM_EMPTY', 'CLAIM_EMPTY', 'RATE_LIMITED']);

    const { key } = await limited.store.apiKeys.create('socket-bot');
    const keyed = limited.client({ auth: { apiKey: key } });
    await connected(keyed);
    for (let i = 0; i < 4; i++) {
      expect(await claim(keyed, { id: `k${i}`, text: '' })).toMatchObject({
        error: { code: 'CLAIM_EMPTY' },
      });
    }
  });

  it('refuses a connection with an unknown API key with a coded connect error', async () => {
    const socket = limited.client({ auth: { apiKey: 'fck_wrong' }, reconnection: false });
    const err = (await connected(socket).catch((e: unknown) => e)) as { data?: { code: string } };
    expect(err.data?.code).toBe('INVALID_API_KEY');
  });

  it('refuses browser pages that are not on the allow-list, and accepts listed ones', async () => {
    const evil = limited.client({
      extraHeaders: { Origin: 'https://evil.example' },
      reconnection: false,
    });
    await expect(connected(evil)).rejects.toBeDefined();
    const listed = limited.client({ extraHeaders: { Origin: 'https://allowed.example' } });
    await expect(connected(listed)).resolves.toBeUndefined();
  });
});
