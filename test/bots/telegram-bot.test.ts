import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTelegramBot, type TelegramBot } from '../../src/bots/telegram-bot.js';
import type { BotAsk } from '../../src/bots/bot-ask.js';
import { createLogger } from '../../src/logger.js';
import { openStore, type Store } from '../../src/store/store.js';
import type { Citation } from '../../src/types.js';
import {
  BOT_USER,
  commandUpdate,
  messageUpdate,
  startFakeTelegram,
  type FakeTelegram,
} from './support/fake-telegram.js';

const GROUP = -100123;
/** A second group, so the first one's answers do not count against its rate limit. */
const QUIET_GROUP = -100456;
const ADMIN = 11;
const MEMBER = 12;

const citation = (n: number): Citation => ({
  n,
  docId: `doc${n}`,
  title: `Article ${n}`,
  source: 'seeds/a.txt',
  start: n * 10,
  end: n * 10 + 5,
  quote: 'quote',
  score: 0.5,
  stance: 'refutes',
});

describe('telegram bot', () => {
  let tg: FakeTelegram;
  let store: Store;
  let dir: string;
  let telegram: TelegramBot;
  const asked: { text: string; chatId: number }[] = [];
  const reviewed = new Set<string>();

  const ask: BotAsk = async (text, asker) => {
    asked.push({ text, chatId: asker.kind === 'telegram' ? asker.chatId : 0 });
    const id = `ans${asked.length}`;
    return {
      answerId: id,
      url: `http://example.test/a/${id}`,
      result: {
        claim: text,
        verdict: 'REFUTED',
        confidence: 0.8,
        answer: `The documents contradict "${text.slice(0, 20)}" [1]. A second sentence that must not appear [2].`,
        citations: [citation(1), citation(2), citation(3)],
      },
    };
  };

  /** Sends a private message and waits for its answer: the bot handles updates in order. */
  async function barrier(): Promise<void> {
    const before = tg.sent().length;
    tg.push(messageUpdate({ chatId: 1, text: `barrier ${before}` }));
    await tg.waitFor(() =>
      tg
        .sent()
        .slice(before)
        .some((m) => m.chat_id === 1)
        ? true
        : undefined,
    );
  }

  const botAt = (apiRoot: string) =>
    createTelegramBot({
      token: '123:TEST',
      apiRoot,
      ask,
      matchesCurated: async (text) => reviewed.has(text),
      repo: store.bots,
      logger: createLogger('silent'),
      maxClaimLength: 200,
      answersPerMinute: 4,
    });

  beforeAll(async () => {
    tg = await startFakeTelegram({ admins: [ADMIN] });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'factcheck-tg-'));
    store = await openStore({ DATA_DIR: dir });
    telegram = botAt(tg.apiRoot);
    await telegram.start();
  });

  afterAll(async () => {
    await telegram.stop();
    await tg.close();
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('drops a registered webhook when it starts polling, so that switching modes works', () => {
    expect(tg.calls.map((c) => c.method)).toContain('deleteWebhook');
  });

  it('fails to start, rather than hang, when Telegram refuses to drop the webhook', async () => {
    const refusing = await startFakeTelegram({ failing: ['deleteWebhook'] });
    try {
      await expect(botAt(refusing.apiRoot).start()).rejects.toThrow(/deleteWebhook/);
    } finally {
      await refusing.close();
    }
  });

  it('answers every claim in a private chat with a badge, one sentence, two sources and a link', async () => {
    tg.push(messageUpdate({ chatId: 5, text: 'Strawberries are poisonous' }));
    const reply = await tg.waitFor(() => tg.sent().find((m) => m.chat_id === 5));
    const text = String(reply.text);
    expect(text).toMatch(/^❌ FALSE/);
    expect(text).toContain('The documents contradict');
    expect(text).not.toContain('second sentence');
    expect(text).toContain('Sources: 1) Article 1; 2) Article 2');
    expect(text).not.toContain('Article 3');
    expect(text).toContain('Full answer: http://example.test/a/ans');
    expect(reply.reply_parameters).toMatchObject({ message_id: expect.any(Number) });
  });

  it('stays quiet in a group unless mentioned, replied to or asked with /check', async () => {
    const before = tg.sent().length;
    tg.push(
      messageUpdate({ chatId: GROUP, fromId: MEMBER, text: 'Just chatting about strawberries' }),
    );
    await barrier();
    expect(
      tg
        .sent()
        .slice(before)
        .filter((m) => m.chat_id === GROUP),
    ).toHaveLength(0);

    tg.push(
      messageUpdate({
        chatId: GROUP,
        fromId: MEMBER,
        text: `@${BOT_USER.username} is coffee carcinogenic?`,
        entities: [{ type: 'mention', offset: 0, length: BOT_USER.username.length + 1 }],
      }),
    );
    await tg.waitFor(() =>
      asked.some((a) => a.text === 'is coffee carcinogenic?') ? true : undefined,
    );

    tg.push(commandUpdate(GROUP, '/check', 'Foxconn scrapped its plant', { fromId: MEMBER }));
    await tg.waitFor(() =>
      asked.some((a) => a.text === 'Foxconn scrapped its plant') ? true : undefined,
    );

    const forwarded = {
      message_id: 77,
      date: 1,
      chat: { id: GROUP, type: 'group' },
      text: 'A forwarded rumor text',
    };
    tg.push(commandUpdate(GROUP, '/check', '', { fromId: MEMBER, replyTo: forwarded }));
    const reply = await tg.waitFor(() =>
      tg.sent().find((m) => (m.reply_parameters as { message_id?: number })?.message_id === 77),
    );
    expect(String(reply.text)).toContain('FALSE');
    expect(asked.some((a) => a.text === 'A forwarded rumor text')).toBe(true);

    const botMessage = {
      message_id: 88,
      date: 1,
      chat: { id: GROUP, type: 'group' },
      from: BOT_USER,
      text: 'x',
    };
    tg.push(
      messageUpdate({
        chatId: GROUP,
        fromId: MEMBER,
        text: 'but is it true for tea?',
        replyTo: botMessage,
      }),
    );
    await tg.waitFor(() =>
      asked.some((a) => a.text === 'but is it true for tea?') ? true : undefined,
    );
  });

  it('lets only group admins turn auto-reply on, which answers claims matching a reviewed rumor', async () => {
    reviewed.add('Reviewed rumor text');
    const before = asked.length;
    tg.push(messageUpdate({ chatId: QUIET_GROUP, fromId: MEMBER, text: 'Reviewed rumor text' }));
    await barrier();
    expect(asked.slice(before).some((a) => a.text === 'Reviewed rumor text')).toBe(false);

    tg.push(commandUpdate(QUIET_GROUP, '/settings', 'autoreply on', { fromId: MEMBER }));
    await tg.waitFor(() => tg.sent().find((m) => String(m.text).includes('Only group admins')));

    tg.push(commandUpdate(QUIET_GROUP, '/settings', 'autoreply on', { fromId: ADMIN }));
    await tg.waitFor(() => tg.sent().find((m) => String(m.text).startsWith('Auto-reply is on')));

    tg.push(messageUpdate({ chatId: QUIET_GROUP, fromId: MEMBER, text: 'Reviewed rumor text' }));
    tg.push(messageUpdate({ chatId: QUIET_GROUP, fromId: MEMBER, text: 'An unrelated remark' }));
    await tg.waitFor(() =>
      asked.some((a) => a.text === 'Reviewed rumor text') ? true : undefined,
    );
    await barrier();
    expect(asked.some((a) => a.text === 'An unrelated remark')).toBe(false);
  });

  it('handles photos without caption, stickers, captions, edits and long messages', async () => {
    tg.push(messageUpdate({ chatId: 6, photo: true }));
    await tg.waitFor(() =>
      tg.sent().find((m) => m.chat_id === 6 && String(m.text).includes('only check text')),
    );
    tg.push(messageUpdate({ chatId: 6, sticker: true }));
    await tg.waitFor(() =>
      tg.sent().filter((m) => m.chat_id === 6).length === 2 ? true : undefined,
    );

    tg.push(messageUpdate({ chatId: 6, photo: true, caption: 'Caption claim about vaccines' }));
    await tg.waitFor(() =>
      asked.some((a) => a.text === 'Caption claim about vaccines') ? true : undefined,
    );

    tg.push(messageUpdate({ chatId: 6, text: 'Edited claim text', edited: true }));
    await tg.waitFor(() => (asked.some((a) => a.text === 'Edited claim text') ? true : undefined));

    const long = `${'First sentence of a long forward. '.repeat(10)}${'x'.repeat(300)}`;
    tg.push(messageUpdate({ chatId: 8, text: long }));
    const reply = await tg.waitFor(() => tg.sent().find((m) => m.chat_id === 8));
    expect(String(reply.text)).toMatch(/^\(Checked the first part of a long message\.\)/);
    const checked = asked.find((a) => a.chatId === 8)!.text;
    expect(checked.length).toBeLessThanOrEqual(200);
    expect(checked.endsWith('.')).toBe(true);
  });

  it('rate-limits answers per chat and says so in private', async () => {
    const chat = 9;
    for (let i = 0; i < 6; i++) tg.push(messageUpdate({ chatId: chat, text: `claim number ${i}` }));
    await tg.waitFor(() =>
      tg.sent().filter((m) => m.chat_id === chat).length === 6 ? true : undefined,
    );
    const texts = tg
      .sent()
      .filter((m) => m.chat_id === chat)
      .map((m) => String(m.text));
    expect(texts.filter((t) => t.includes('Full answer'))).toHaveLength(4);
    expect(texts.filter((t) => t.includes('Too many claims'))).toHaveLength(2);
  });

  it('stays quiet in a group once its answers per minute are used up', async () => {
    const group = -100789;
    const before = asked.length;
    for (let i = 0; i < 6; i++)
      tg.push(commandUpdate(group, '/check', `group claim ${i}`, { fromId: MEMBER }));
    await tg.waitFor(() =>
      asked.slice(before).filter((a) => a.chatId === group).length === 4 ? true : undefined,
    );
    await barrier();
    const replies = tg.sent().filter((m) => m.chat_id === group);
    expect(replies).toHaveLength(4);
    expect(replies.every((m) => String(m.text).includes('Full answer'))).toBe(true);
  });

  it('posts a correction into the chat where the claim was asked, replying to it', async () => {
    await telegram.sendCorrection(
      {
        verdict: 'SUPPORTED',
        answer: 'A person checked this and it holds [1].',
        citations: [citation(1)],
        url: 'http://example.test/a/ans1',
      },
      { kind: 'telegram', chatId: GROUP, messageId: 77 },
    );
    const update = tg.sent().at(-1)!;
    expect(update.chat_id).toBe(GROUP);
    expect(String(update.text)).toMatch(/^Update: ✅ TRUE \(reviewed by a person\)/);
    expect(update.reply_parameters).toMatchObject({ message_id: 77 });
  });
});
