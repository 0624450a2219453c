import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createChatStore, openServiceDb, type ChatStore } from '../../src/store/chat-store.js';
import type { Db } from '../../src/store/db.js';
import type { CheckResult } from '../../src/types.js';

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

describe('chat store', () => {
  let dir: string;
  let db: Db;
  let store: ChatStore;
  const open = () => {
    db = openServiceDb({ DATA_DIR: dir });
    store = createChatStore(db);
  };
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chat-store-'));
    open();
  });
  afterEach(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps answers, conversations and votes across a reopen of the file', () => {
    store.conversations.ensure('conv-0001', store.clientHash('widget:abc'));
    expect(store.conversations.add('conv-0001', 'm1', 'a claim', 'claim').isNew).toBe(true);
    const answer = store.answers.save({
      result: result('a claim'),
      indexVersion: 'v1',
      channel: 'widget',
      conversationId: 'conv-0001',
      latencyMs: 12.4,
    });
    store.conversations.complete('conv-0001', 'm1', {
      ...answer.result,
      answerId: answer.answerId,
    });
    store.answers.vote(answer.answerId, 'voter', false, 'wrong source');
    db.close();
    open();
    const again = store.answers.get(answer.answerId);
    expect(again).toMatchObject({ verdict: 'REFUTED', indexVersion: 'v1', latencyMs: 12 });
    expect(again?.citations[0].quote).toBe('abc');
    const [message] = store.conversations.history('conv-0001');
    expect(message).toMatchObject({ id: 'm1', text: 'a claim', answerId: answer.answerId });
    expect(message.reply?.verdict).toBe('REFUTED');
    expect(store.answers.votes(answer.answerId)).toEqual({ helpful: 0, notHelpful: 1 });
  });

  it('stores a message id given twice once', () => {
    store.conversations.ensure('conv-0002', null);
    expect(store.conversations.add('conv-0002', 'same', 'x', 'claim').isNew).toBe(true);
    expect(store.conversations.add('conv-0002', 'same', 'x', 'claim').isNew).toBe(false);
    expect(store.conversations.history('conv-0002')).toHaveLength(1);
  });

  it('replaces a client vote instead of counting it twice', () => {
    const answer = store.answers.save({
      result: result('c'),
      indexVersion: 'v',
      channel: 'rest',
      latencyMs: 1,
    });
    store.answers.vote(answer.answerId, 'same-voter', true, null);
    store.answers.vote(answer.answerId, 'same-voter', false, 'changed my mind');
    store.answers.vote(answer.answerId, 'other-voter', true, null);
    expect(store.answers.votes(answer.answerId)).toEqual({ helpful: 1, notHelpful: 1 });
    expect(store.answers.votesSince(0).map((v) => v.reason)).toContain('changed my mind');
  });

  it('hashes client ids with a salt that survives a reopen and never stores the raw id', () => {
    const first = store.clientHash('ip:10.0.0.1');
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    // Salted: not the plain digest anyone could recompute from an address.
    expect(first).not.toBe(createHash('sha256').update('ip:10.0.0.1').digest('hex'));
    // Rows the store keeps per client (a conversation, a vote) hold the hash, never the id.
    store.conversations.ensure('conv-0004', first);
    const answer = store.answers.save({
      result: result('d'),
      indexVersion: 'v',
      channel: 'widget',
      latencyMs: 1,
    });
    store.answers.vote(answer.answerId, first, true, null);
    db.close();
    open();
    expect(store.clientHash('ip:10.0.0.1')).toBe(first);
    expect(store.clientHash('ip:10.0.0.2')).not.toBe(first);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as {
      name: string;
    }[];
    const everything = JSON.stringify(
      tables.map(({ name }) => db.prepare(`SELECT * FROM "${name}"`).all()),
    );
    expect(everything).toContain(first);
    expect(everything).not.toContain('10.0.0.1');
  });

  it('keeps the client token key across a reopen, so tokens stay valid after a restart', () => {
    const key = store.clientTokenSecret;
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    db.close();
    open();
    expect(store.clientTokenSecret).toBe(key);
  });

  it('gives a conversation the owner that created it, whoever touches it later', () => {
    const owner = store.clientHash('widget:first');
    expect(store.conversations.owner('conv-0005')).toBeUndefined();
    expect(store.conversations.ownsAny(owner)).toBe(false);
    expect(store.conversations.ensure('conv-0005', owner)).toBe(owner);
    expect(store.conversations.ensure('conv-0005', store.clientHash('widget:second'))).toBe(owner);
    expect(store.conversations.owner('conv-0005')).toBe(owner);
    expect(store.conversations.ownsAny(owner)).toBe(true);
  });

  it('counts the voters of an answer per address, in the transaction that records the vote', () => {
    const { answerId } = store.answers.save({
      result: result('e'),
      indexVersion: 'v',
      channel: 'widget',
      latencyMs: 1,
    });
    const cast = (clientHash: string, addressHash: string) =>
      store.answers.voteFromAddress({ answerId, clientHash, addressHash, cap: 2 }, () => {
        store.answers.vote(answerId, clientHash, true, null);
        return store.answers.votes(answerId);
      });
    expect(cast('c1', 'home')).toEqual({ helpful: 1, notHelpful: 0 });
    expect(cast('c2', 'home')).toEqual({ helpful: 2, notHelpful: 0 });
    expect(cast('c3', 'home')).toBeUndefined();
    expect(cast('c1', 'home')).toEqual({ helpful: 2, notHelpful: 0 });
    expect(cast('c3', 'office')).toEqual({ helpful: 3, notHelpful: 0 });
  });

  it('verifies API keys by hash only and refuses duplicate names', () => {
    const { key } = store.apiKeys.create('bot-a');
    expect(key).toMatch(/^fck_/);
    expect(store.apiKeys.verify(key)?.name).toBe('bot-a');
    expect(store.apiKeys.verify(`${key}x`)).toBeUndefined();
    const stored = db.prepare('SELECT key_hash FROM chat_api_keys').get() as { key_hash: string };
    expect(stored.key_hash).not.toContain(key);
    expect(() => store.apiKeys.create('bot-a')).toThrow(
      expect.objectContaining({ code: 'CONFLICT' }),
    );
    expect(store.apiKeys.revoke('bot-a')).toBe(true);
    expect(store.apiKeys.verify(key)).toBeUndefined();
  });

  it('returns the last answered claim of a conversation for follow-ups', () => {
    store.conversations.ensure('conv-0003', null);
    store.conversations.add('conv-0003', 'a', 'first', 'claim');
    const answer = store.answers.save({
      result: result('first'),
      indexVersion: 'v',
      channel: 'widget',
      latencyMs: 1,
    });
    store.conversations.complete('conv-0003', 'a', { ...answer.result, answerId: answer.answerId });
    store.conversations.add('conv-0003', 'b', 'second, unanswered', 'claim');
    expect(store.conversations.lastAnsweredClaim('conv-0003')?.id).toBe('a');
  });
});
