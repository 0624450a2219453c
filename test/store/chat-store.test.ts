import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStore, type Store, type StoreConfig } from '../../src/store/store.js';
import type { CheckResult } from '../../src/types.js';
import { BACKENDS, everythingStored, openRawSql, useBackend } from '../support/stores.js';

const result = (claim: string): CheckResult => ({
  claim,
  verdict: 'REFUTED',
  confidence: 0.8,
  answer: 'No [1].',
  citations: [
    {
      n: 1,
      docId: 'd1',
      title: 'T',
      source: 'a.txt',
      start: 0,
      end: 3,
      quote: 'abc',
      score: 0.5,
      stance: 'refutes',
    },
  ],
});

describe.each(BACKENDS)('chat store (%s)', (backend) => {
  const database = useBackend(backend);
  let settings: StoreConfig & { DATA_DIR: string };
  let store: Store;
  /** Opens the store again over the same database, as a restart (or another node) would. */
  const reopen = async () => {
    await store.close();
    store = await openStore(settings);
  };
  beforeEach(async () => {
    settings = {
      DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'chat-store-')),
      ...(await database.fresh()),
    };
    store = await openStore(settings);
  });
  afterEach(async () => {
    await store.close();
    fs.rmSync(settings.DATA_DIR, { recursive: true, force: true });
  });
  /** Every row of every table, read over a connection of the test's own. */
  const stored = async () => {
    const raw = openRawSql(settings);
    try {
      return await everythingStored(raw);
    } finally {
      await raw.close();
    }
  };

  it('keeps answers, conversations and votes across a reopen', async () => {
    await store.conversations.ensure('conv-0001', store.clientHash('widget:abc'));
    expect((await store.conversations.add('conv-0001', 'm1', 'a claim', 'claim')).isNew).toBe(true);
    const answer = await store.answers.save({
      result: result('a claim'),
      indexVersion: 'v1',
      channel: 'widget',
      conversationId: 'conv-0001',
      latencyMs: 12.4,
    });
    await store.conversations.complete('conv-0001', 'm1', {
      ...answer.result,
      answerId: answer.answerId,
    });
    await store.answers.vote(answer.answerId, 'voter', false, 'wrong source');
    await reopen();
    const again = await store.answers.get(answer.answerId);
    expect(again).toMatchObject({ verdict: 'REFUTED', indexVersion: 'v1', latencyMs: 12 });
    expect(again?.citations[0].quote).toBe('abc');
    expect(again?.result).toEqual(answer.result);
    const [message] = await store.conversations.history('conv-0001');
    expect(message).toMatchObject({ id: 'm1', text: 'a claim', answerId: answer.answerId });
    expect(message.reply).toEqual({ ...answer.result, answerId: answer.answerId });
    expect(await store.answers.votes(answer.answerId)).toEqual({ helpful: 0, notHelpful: 1 });
  });

  it('keeps the citations of an answer once, in its result', async () => {
    // A quote no random id or secret (hex, base64url) could contain by chance.
    const quote = 'quoted once: kept once';
    const once = result('once');
    once.citations = [{ ...once.citations[0]!, quote }];
    const { answerId } = await store.answers.save({
      result: once,
      indexVersion: 'v',
      channel: 'rest',
      latencyMs: 1,
    });
    // The quote appears in the stored result and nowhere else (no citations column repeats it).
    expect((await stored()).split(quote).length - 1).toBe(1);
    expect((await store.answers.get(answerId))?.citations).toEqual(once.citations);
  });

  it('stores a message id given twice once', async () => {
    await store.conversations.ensure('conv-0002', null);
    expect((await store.conversations.add('conv-0002', 'same', 'x', 'claim')).isNew).toBe(true);
    expect((await store.conversations.add('conv-0002', 'same', 'x', 'claim')).isNew).toBe(false);
    expect(await store.conversations.history('conv-0002')).toHaveLength(1);
  });

  it('replaces a client vote instead of counting it twice', async () => {
    const answer = await store.answers.save({
      result: result('c'),
      indexVersion: 'v',
      channel: 'rest',
      latencyMs: 1,
    });
    await store.answers.vote(answer.answerId, 'same-voter', true, null);
    await store.answers.vote(answer.answerId, 'same-voter', false, 'changed my mind');
    await store.answers.vote(answer.answerId, 'other-voter', true, null);
    expect(await store.answers.votes(answer.answerId)).toEqual({ helpful: 1, notHelpful: 1 });
    expect((await store.answers.votesSince(0)).map((v) => v.reason)).toContain('changed my mind');
  });

  it('hashes client ids with a salt that survives a reopen and never stores the raw id', async () => {
    const first = store.clientHash('ip:10.0.0.1');
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    // Salted: not the plain digest anyone could recompute from an address.
    expect(first).not.toBe(createHash('sha256').update('ip:10.0.0.1').digest('hex'));
    // Rows the store keeps per client (a conversation, a vote) hold the hash, never the id.
    await store.conversations.ensure('conv-0004', first);
    const answer = await store.answers.save({
      result: result('d'),
      indexVersion: 'v',
      channel: 'widget',
      latencyMs: 1,
    });
    await store.answers.vote(answer.answerId, first, true, null);
    await reopen();
    expect(store.clientHash('ip:10.0.0.1')).toBe(first);
    expect(store.clientHash('ip:10.0.0.2')).not.toBe(first);
    const everything = await stored();
    expect(everything).toContain(first);
    expect(everything).not.toContain('10.0.0.1');
  });

  it('keeps the client token key across a reopen, so tokens stay valid after a restart', async () => {
    const key = store.clientTokenSecret;
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    await reopen();
    expect(store.clientTokenSecret).toBe(key);
  });

  it('gives a conversation the owner that created it, whoever touches it later', async () => {
    const owner = store.clientHash('widget:first');
    expect(await store.conversations.owner('conv-0005')).toBeUndefined();
    expect(await store.conversations.ownsAny(owner)).toBe(false);
    expect(await store.conversations.ensure('conv-0005', owner)).toBe(owner);
    expect(await store.conversations.ensure('conv-0005', store.clientHash('widget:second'))).toBe(
      owner,
    );
    expect(await store.conversations.owner('conv-0005')).toBe(owner);
    expect(await store.conversations.ownsAny(owner)).toBe(true);
  });

  it('counts the voters of an answer per address, in the transaction that records the vote', async () => {
    const { answerId } = await store.answers.save({
      result: result('e'),
      indexVersion: 'v',
      channel: 'widget',
      latencyMs: 1,
    });
    const cast = async (clientHash: string, addressHash: string) =>
      (await store.answers.voteFromAddress({
        answerId,
        clientHash,
        addressHash,
        helpful: true,
        reason: null,
        cap: 2,
      }))
        ? store.answers.votes(answerId)
        : undefined;
    expect(await cast('c1', 'home')).toEqual({ helpful: 1, notHelpful: 0 });
    expect(await cast('c2', 'home')).toEqual({ helpful: 2, notHelpful: 0 });
    expect(await cast('c3', 'home')).toBeUndefined();
    expect(await cast('c1', 'home')).toEqual({ helpful: 2, notHelpful: 0 });
    expect(await cast('c3', 'office')).toEqual({ helpful: 3, notHelpful: 0 });
  });

  it('verifies API keys by hash only and refuses duplicate names', async () => {
    const { key } = await store.apiKeys.create('bot-a');
    expect(key).toMatch(/^fck_/);
    expect((await store.apiKeys.verify(key))?.name).toBe('bot-a');
    expect(await store.apiKeys.verify(`${key}x`)).toBeUndefined();
    expect(await stored()).not.toContain(key);
    await expect(store.apiKeys.create('bot-a')).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await store.apiKeys.revoke('bot-a')).toBe(true);
    expect(await store.apiKeys.verify(key)).toBeUndefined();
  });

  it('returns the last answered claim of a conversation for follow-ups', async () => {
    await store.conversations.ensure('conv-0003', null);
    await store.conversations.add('conv-0003', 'a', 'first', 'claim');
    const answer = await store.answers.save({
      result: result('first'),
      indexVersion: 'v',
      channel: 'widget',
      latencyMs: 1,
    });
    await store.conversations.complete('conv-0003', 'a', {
      ...answer.result,
      answerId: answer.answerId,
    });
    await store.conversations.add('conv-0003', 'b', 'second, unanswered', 'claim');
    expect((await store.conversations.lastAnsweredClaim('conv-0003'))?.id).toBe('a');
  });

  it('stores an answer and what a transaction writes with it together, or neither', async () => {
    const save = (claim: string) =>
      store.transaction(async (tx) => {
        const saved = await tx.answers.save({
          result: result(claim),
          indexVersion: 'v',
          channel: 'rest',
          latencyMs: 1,
        });
        await tx.clusters.queueAnswer(saved.answerId, { kind: 'rest' }, 1);
        if (claim === 'fails') throw new Error('the hook failed');
        return saved;
      });
    const kept = await save('kept');
    await expect(save('fails')).rejects.toThrow('the hook failed');
    expect(await store.clusters.queuedAnswers()).toEqual([
      { answerId: kept.answerId, asker: { kind: 'rest' } },
    ]);
    expect((await store.answers.since(0)).map((a) => a.claim)).toEqual(['kept']);
  });
});
