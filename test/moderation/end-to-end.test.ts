import { io as connect, type Socket } from 'socket.io-client';
import type { AnswerEvent, AnswerUpdatedEvent, ClientTokenEvent } from '../../src/server/events.js';
import type { FeedClaim, FeedVotesEvent } from '../../src/moderation/events.js';
import type { ModerationHandle } from '../../src/server/moderate/moderation-plugin.js';
import type { Verdict } from '../../src/types.js';
import type { Checker } from '../../src/verdict/checker-types.js';
import {
  commandUpdate,
  startFakeTelegram,
  type FakeTelegram,
} from '../bots/support/fake-telegram.js';
import { INDEX_BUILD_TIMEOUT_MS, realChecker } from '../server/support/real-checker.js';
import { newClientToken } from '../support/client-token.js';
import { startModerationApp, type ModerationApp } from './support/moderation-app.js';
import { login, postCurated } from './support/moderation-server.js';
import { BOT_WORD, verdictOtherThan } from './support/verdicts.js';

const GROUP = -200300;
// A rumor from the April rumor inventory in knowledge/, answered by the real checker.
const RUMOR = 'Eating strawberries is dangerous because of pesticide residue';

describe('moderation in the chat service', () => {
  let app: ModerationApp;
  let url: string;
  let tg: FakeTelegram;
  let handle: ModerationHandle;
  let checker: Checker;
  /** The verdict the moderator chose in the first test. */
  let curatedVerdict: Verdict | undefined;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    tg = await startFakeTelegram();
    checker = await realChecker();
    app = await startModerationApp({
      checker,
      prefix: 'factcheck-e2e-',
      settings: () => ({
        TELEGRAM_BOT_TOKEN: '1:TEST',
        TELEGRAM_MODE: 'polling',
        TELEGRAM_API_ROOT: tg.apiRoot,
      }),
    });
    ({ url, handle } = app);
    // Polling starts once the server listens; the bot answers from then on.
    await tg.waitFor(() => tg.calls.find((c) => c.method === 'getMe'));
  }, INDEX_BUILD_TIMEOUT_MS);

  afterAll(async () => {
    for (const s of sockets) s.close();
    await app.close();
    await checker.close();
    await tg.close();
  });

  /** A widget's connection: a new client, or the one whose token the server issued earlier. */
  function widget(auth: { clientToken?: string } = {}): Socket {
    const socket = connect(`${url}/chat`, { transports: ['websocket'], auth });
    sockets.push(socket);
    return socket;
  }

  async function ask(socket: Socket, id: string, text: string): Promise<AnswerEvent> {
    const answer = new Promise<AnswerEvent>((resolve) =>
      socket.on('answer', (a: AnswerEvent) => a.inReplyTo === id && resolve(a)),
    );
    const ack = await socket.emitWithAck('claim', { id, text });
    expect(ack).toMatchObject({ ok: true });
    return answer;
  }

  it('clusters claims from the widget and a bot, then corrects every asker when a moderator reviews', async () => {
    const online = widget();
    const first = await ask(online, 'm1', RUMOR);

    const offline = widget();
    const offlineToken = new Promise<ClientTokenEvent>((resolve) =>
      offline.once('client:token', resolve),
    );
    const second = await ask(offline, 'm2', `${RUMOR}!!! Share with every parent`);
    offline.close();

    tg.push(commandUpdate(GROUP, '/check', `${RUMOR}, they say`));
    const botReply = await tg.waitFor(() => tg.sent().find((m) => m.chat_id === GROUP));
    const askedMessage = (botReply.reply_parameters as { message_id: number }).message_id;

    const { password } = await handle.module.accounts.add('mod', 'moderator');
    const moderator = await login(url, 'mod', password);
    const { cookie } = moderator;
    // Answers are recorded by an observer just after they are sent; wait for all three.
    let clusters: {
      id: string;
      count: number;
      claims: { channel: string; verdict: Verdict }[];
    }[] = [];
    for (let i = 0; i < 100; i++) {
      clusters = (await (
        await fetch(`${url}/api/v1/moderate/clusters`, { headers: { cookie } })
      ).json()) as typeof clusters;
      if (clusters[0]?.count === 3) break;
      await new Promise((r) => setTimeout(r, 30));
    }
    expect(clusters).toHaveLength(1);
    expect(clusters[0].claims.map((c) => c.channel).sort()).toEqual([
      'telegram',
      'widget',
      'widget',
    ]);
    // The bot's reply shows the verdict the real checker gave the claim from the group.
    const fromGroup = clusters[0].claims.find((c) => c.channel === 'telegram')!;
    expect(String(botReply.text)).toContain(BOT_WORD[fromGroup.verdict]);
    // The feed listing shows each claim with the quotes its answer cited, as the live feed did.
    const feed = (await (
      await fetch(`${url}/api/v1/moderate/feed`, { headers: { cookie } })
    ).json()) as FeedClaim[];
    const listed = feed.find((c) => c.answerId === first.answerId)!;
    expect(first.citations.length).toBeGreaterThan(0);
    expect(listed.citations.map((c) => c.quote)).toEqual(first.citations.map((c) => c.quote));
    // The reviewed verdict differs from every machine verdict, so all three askers are corrected.
    const reviewed = verdictOtherThan(clusters[0].claims.map((c) => c.verdict));

    const updated = new Promise<AnswerUpdatedEvent>((resolve) =>
      online.on('answer:updated', resolve),
    );
    const saved = await postCurated(url, moderator, clusters[0].id, {
      verdict: reviewed,
      answer: 'A person reviewed the sources.',
      citations: [],
    });
    expect(saved.status).toBe(201);
    expect(((await saved.json()) as { corrections: number }).corrections).toBe(3);

    const update = await updated;
    expect(update).toMatchObject({
      answerId: first.answerId,
      conversationId: first.conversationId,
      verdict: reviewed,
      previousVerdict: first.verdict,
      answer: 'A person reviewed the sources.',
    });

    const correction = await tg.waitFor(() =>
      tg.sent().find((m) => m.chat_id === GROUP && String(m.text).startsWith('Update:')),
    );
    expect(String(correction.text)).toContain(`${BOT_WORD[reviewed]} (reviewed by a person)`);
    expect(correction.reply_parameters).toMatchObject({ message_id: askedMessage });

    // The widget user who was offline gets the update when the conversation loads again.
    const back = widget(await offlineToken);
    const late = new Promise<AnswerUpdatedEvent>((resolve) => back.on('answer:updated', resolve));
    const history = await back.emitWithAck('history', { conversationId: second.conversationId });
    expect(history).toMatchObject({ ok: true });
    expect(await late).toMatchObject({ answerId: second.answerId, verdict: reviewed });
    curatedVerdict = reviewed;
  });

  it('gives a new asker of the reviewed rumor the reviewed answer', async () => {
    const answer = await ask(widget(), 'm3', RUMOR);
    expect(answer).toMatchObject({
      verdict: curatedVerdict,
      answer: 'A person reviewed the sources.',
      reviewed: { kind: 'curated', reviewer: 'mod' },
    });
    const page = await (await fetch(`${url}/a/${answer.answerId}`)).text();
    expect(page).toContain('Reviewed by a person');
  });

  it('shows feedback votes in the feed and pushes each new vote to connected moderators', async () => {
    const answer = await ask(widget(), 'm5', 'Garlic in socks cures a fever');
    const { password } = await handle.module.accounts.add('watcher', 'moderator');
    const { cookie } = await login(url, 'watcher', password);
    const moderator = connect(`${url}/moderate`, {
      transports: ['websocket'],
      reconnection: false,
      // Its own connection: the widgets' one to this server carries no session cookie.
      forceNew: true,
      extraHeaders: { cookie },
    });
    sockets.push(moderator);
    await new Promise<void>((resolve, reject) => {
      moderator.on('connect', resolve);
      moderator.on('connect_error', reject);
    });
    const feedItem = async (): Promise<FeedClaim | undefined> => {
      const feed = (await (
        await fetch(`${url}/api/v1/moderate/feed`, { headers: { cookie } })
      ).json()) as FeedClaim[];
      return feed.find((c) => c.answerId === answer.answerId);
    };
    // The claim reaches the feed through an observer just after the answer is sent.
    let listed = await feedItem();
    for (let i = 0; i < 100 && !listed; i++) {
      await new Promise((r) => setTimeout(r, 30));
      listed = await feedItem();
    }
    expect(listed?.votes).toEqual({ helpful: 0, notHelpful: 0 });

    const [feedOne, feedTwo] = [await newClientToken(url), await newClientToken(url)];
    const vote = async (clientToken: string, helpful: boolean): Promise<FeedVotesEvent> => {
      const pushed = new Promise<FeedVotesEvent>((resolve) =>
        moderator.once('feed:votes', resolve),
      );
      const res = await fetch(`${url}/api/v1/answers/${answer.answerId}/feedback`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-client-token': clientToken },
        body: JSON.stringify({ helpful }),
      });
      expect(res.status).toBe(201);
      return pushed;
    };
    expect(await vote(feedOne, true)).toEqual({
      answerId: answer.answerId,
      helpful: true,
      votes: { helpful: 1, notHelpful: 0 },
    });
    expect(await vote(feedTwo, false)).toMatchObject({
      helpful: false,
      votes: { helpful: 1, notHelpful: 1 },
    });
    // Voting again replaces the client's vote rather than adding one.
    expect(await vote(feedOne, false)).toMatchObject({
      votes: { helpful: 0, notHelpful: 2 },
    });
    expect((await feedItem())?.votes).toEqual({ helpful: 0, notHelpful: 2 });
  });

  it('queues not-helpful votes with their reason for moderators', async () => {
    const { answer } = {
      answer: await ask(widget(), 'm4', 'Tea cures the common cold overnight'),
    };
    const vote = await fetch(`${url}/api/v1/answers/${answer.answerId}/feedback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ helpful: false, reason: 'The cited article is about coffee' }),
    });
    expect(vote.status).toBeLessThan(300);
    const { password } = await handle.module.accounts.add('triage', 'moderator');
    const { cookie } = await login(url, 'triage', password);
    const queue = (await (
      await fetch(`${url}/api/v1/moderate/feedback`, { headers: { cookie } })
    ).json()) as {
      answerId: string;
      reason: string;
      claim: string;
      votes: { notHelpful: number };
    }[];
    expect(queue[0]).toMatchObject({
      answerId: answer.answerId,
      claim: 'Tea cures the common cold overnight',
      reason: 'The cited article is about coffee',
      votes: { notHelpful: 1 },
    });
  });
});
