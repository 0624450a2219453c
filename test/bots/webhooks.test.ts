import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import type { BotAsk } from '../../src/bots/bot-ask.js';
import { IDEMPOTENCY_HEADER, WebhookDispatcher } from '../../src/bots/webhook-dispatcher.js';
import { createWebhookBotsRouter, newWebhookSecret } from '../../src/bots/webhook-bots.js';
import {
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  signWebhook,
  verifyWebhook,
} from '../../src/bots/webhook-signature.js';
import { createLogger } from '../../src/logger.js';
import type { BotRepository } from '../../src/store/moderation-bots.js';
import { openStore, type Store } from '../../src/store/store.js';
import { listenLocally } from '../support/listen.js';
import { waitFor } from '../support/wait-for.js';

interface Received {
  body: string;
  verified: boolean;
  idempotencyKey: string | undefined;
}

/** A bot platform's receiver: verifies our signature and can be told to fail first. */
async function startReceiver(secret: () => string, failFirst = 0) {
  const received: Received[] = [];
  /** The idempotency key of every attempt, failed ones too. */
  const attemptKeys: string[] = [];
  let failures = failFirst;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      attemptKeys.push(req.headers[IDEMPOTENCY_HEADER] as string);
      if (failures > 0) {
        failures--;
        res.statusCode = 503;
        return res.end();
      }
      const check = verifyWebhook(
        secret(),
        {
          timestamp: req.headers[TIMESTAMP_HEADER] as string,
          signature: req.headers[SIGNATURE_HEADER] as string,
        },
        body,
        300,
      );
      received.push({
        body,
        verified: check.ok,
        idempotencyKey: req.headers[IDEMPOTENCY_HEADER] as string | undefined,
      });
      res.statusCode = check.ok ? 200 : 401;
      res.end();
    });
  });
  return {
    url: `${await listenLocally(server)}/hook`,
    received,
    attemptKeys,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

describe('webhook signatures', () => {
  const secret = 'shared-secret';
  const body = '{"type":"answer"}';
  const now = 1_700_000_000;

  it('accepts a fresh, correctly signed body', () => {
    const headers = { timestamp: String(now), signature: signWebhook(secret, now, body) };
    expect(verifyWebhook(secret, headers, body, 300, now + 10)).toEqual({ ok: true });
  });

  it('refuses a replay outside the window, a changed body and a changed timestamp', () => {
    const signature = signWebhook(secret, now, body);
    expect(
      verifyWebhook(secret, { timestamp: String(now), signature }, body, 300, now + 301),
    ).toEqual({
      ok: false,
      problem: 'stale',
    });
    expect(
      verifyWebhook(secret, { timestamp: String(now), signature }, `${body} `, 300, now),
    ).toEqual({
      ok: false,
      problem: 'mismatch',
    });
    expect(
      verifyWebhook(secret, { timestamp: String(now + 1), signature }, body, 300, now),
    ).toEqual({
      ok: false,
      problem: 'mismatch',
    });
    expect(verifyWebhook(secret, { timestamp: null, signature }, body, 300, now)).toEqual({
      ok: false,
      problem: 'missing',
    });
  });
});

describe('webhook bots', () => {
  let dir: string;
  let store: Store;
  let repo: BotRepository;
  let dispatcher: WebhookDispatcher;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'factcheck-wh-'));
    store = await openStore({ DATA_DIR: dir });
    repo = store.bots;
    // The receivers here listen on loopback, which only this setting lets callbacks reach.
    dispatcher = new WebhookDispatcher(repo, createLogger('silent'), {
      maxAttempts: 4,
      retryBaseMs: 30,
      allowPrivateAddresses: true,
    });
  });
  afterEach(async () => {
    dispatcher.close();
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('retries a failing receiver with backoff and records every attempt', async () => {
    const secret = newWebhookSecret();
    const receiver = await startReceiver(() => secret, 2);
    try {
      const bot = (await repo.add('platform', receiver.url, secret, Date.now()))!;
      const started = Date.now();
      expect(
        await dispatcher.send(bot, 'correction', 'a1', { type: 'correction', verdict: 'REFUTED' }),
      ).toBe(true);
      // Two failures: waits of 30 ms and 60 ms before the third, successful attempt.
      expect(Date.now() - started).toBeGreaterThanOrEqual(90);
      expect(receiver.received).toHaveLength(1);
      expect(receiver.received[0].verified).toBe(true);
      // One delivery, one idempotency key, on every attempt.
      expect(receiver.attemptKeys).toHaveLength(3);
      expect(new Set(receiver.attemptKeys).size).toBe(1);
      expect(receiver.attemptKeys[0]).toMatch(/^[0-9a-f-]{36}$/);
      expect(await dispatcher.send(bot, 'answer', 'a3', { type: 'answer' })).toBe(true);
      expect(receiver.attemptKeys[3]).not.toBe(receiver.attemptKeys[0]);
      const [, delivery] = await repo.deliveries(bot.id);
      expect(delivery).toMatchObject({
        status: 'delivered',
        attempts: 3,
        lastStatus: 200,
        kind: 'correction',
      });
    } finally {
      await receiver.close();
    }
  });

  it('gives up after the last attempt and marks the delivery failed', async () => {
    const secret = newWebhookSecret();
    const receiver = await startReceiver(() => secret, 10);
    try {
      const bot = (await repo.add('down', receiver.url, secret, Date.now()))!;
      expect(await dispatcher.send(bot, 'answer', 'a2', { type: 'answer' })).toBe(false);
      expect((await repo.deliveries(bot.id))[0]).toMatchObject({
        status: 'failed',
        attempts: 4,
        lastStatus: 503,
      });
    } finally {
      await receiver.close();
    }
  });

  it('takes signed claims from a platform and posts the signed answer to its callback', async () => {
    const secret = newWebhookSecret();
    const receiver = await startReceiver(() => secret);
    const ask: BotAsk = async (text) => ({
      answerId: 'ans-1',
      url: 'http://example.test/a/ans-1',
      result: {
        claim: text,
        verdict: 'NOT_ENOUGH_INFO',
        confidence: 0.3,
        answer: 'Nothing settles it.',
        citations: [],
      },
    });
    const app = express();
    app.use(
      createWebhookBotsRouter({
        repo,
        dispatcher,
        ask,
        logger: createLogger('silent'),
        replayWindowSeconds: 300,
      }),
    );
    const server = http.createServer(app);
    const base = await listenLocally(server);
    try {
      await repo.add('chatapp', receiver.url, secret, Date.now());
      const body = JSON.stringify({ ref: 'msg-9', text: 'The moon is made of cheese' });
      const ts = Math.floor(Date.now() / 1000);
      const unsigned = await fetch(`${base}/bots/webhook/chatapp/claims`, { method: 'POST', body });
      expect(unsigned.status).toBe(401);
      const stale = await fetch(`${base}/bots/webhook/chatapp/claims`, {
        method: 'POST',
        body,
        headers: {
          [TIMESTAMP_HEADER]: String(ts - 1000),
          [SIGNATURE_HEADER]: signWebhook(secret, ts - 1000, body),
        },
      });
      expect(stale.status).toBe(401);
      const res = await fetch(`${base}/bots/webhook/chatapp/claims`, {
        method: 'POST',
        body,
        headers: {
          [TIMESTAMP_HEADER]: String(ts),
          [SIGNATURE_HEADER]: signWebhook(secret, ts, body),
        },
      });
      expect(res.status).toBe(202);
      const got = await waitFor(() => receiver.received[0]);
      expect(got.verified).toBe(true);
      expect(JSON.parse(got.body)).toMatchObject({
        type: 'answer',
        ref: 'msg-9',
        answerId: 'ans-1',
        verdict: 'NOT_ENOUGH_INFO',
        claim: 'The moon is made of cheese',
      });
    } finally {
      server.close();
      await receiver.close();
    }
  });
});
