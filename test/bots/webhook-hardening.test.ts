import http from 'node:http';
import { isPublicAddress, resolveCallback } from '../../src/bots/callback-address.js';
import { pinnedPost } from '../../src/bots/pinned-post.js';
import { WebhookDispatcher } from '../../src/bots/webhook-dispatcher.js';
import { newWebhookSecret } from '../../src/bots/webhook-bots.js';
import {
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  signWebhook,
} from '../../src/bots/webhook-signature.js';
import { createLogger } from '../../src/logger.js';
import type { BotRepository } from '../../src/store/moderation-bots.js';
import type { Store } from '../../src/store/store.js';
import { openMemoryStore } from '../support/stores.js';
import { startModerationServer } from '../moderation/support/moderation-server.js';
import { listenLocally } from '../support/listen.js';
import { waitFor } from '../support/wait-for.js';

/** A local HTTP server that records the requests it gets and answers with `answer`. */
async function startServer(answer: (res: http.ServerResponse) => void) {
  const hits: { host: string | undefined; body: string }[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      hits.push({ host: req.headers.host, body });
      answer(res);
    });
  });
  const url = await listenLocally(server);
  return { url, hits, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const ok = (res: http.ServerResponse) => res.end('ok');

describe('callback addresses', () => {
  it('tells public addresses from loopback, private, link-local, metadata and unspecified ones', () => {
    const notPublic = [
      '127.0.0.1',
      '127.8.8.8',
      '::1',
      '10.1.2.3',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.1.1',
      '169.254.169.254',
      'fe80::1',
      'fc00::1',
      'fd00:ec2::254',
      '0.0.0.0',
      '::',
      '::ffff:127.0.0.1',
      '::ffff:169.254.169.254',
      '100.100.100.200',
      'not an address',
    ];
    const isPublic = ['93.184.215.14', '8.8.8.8', '172.32.0.1', '2606:4700::1111'];
    expect(notPublic.filter(isPublicAddress)).toEqual([]);
    expect(isPublic.filter(isPublicAddress)).toEqual(isPublic);
  });

  it('resolves the host before judging it, and refuses names that lead to this machine unless allowed', async () => {
    await expect(resolveCallback(new URL('http://localhost:9/hook'), false)).rejects.toMatchObject({
      code: 'CALLBACK_URL_NOT_ALLOWED',
    });
    await expect(
      resolveCallback(new URL('http://[::ffff:7f00:1]/hook'), false),
    ).rejects.toMatchObject({ code: 'CALLBACK_URL_NOT_ALLOWED' });
    await expect(resolveCallback(new URL('http://localhost:9/hook'), true)).resolves.toEqual({
      address: '127.0.0.1',
      family: 4,
    });
    await expect(resolveCallback(new URL('https://93.184.215.14/hook'), false)).resolves.toEqual({
      address: '93.184.215.14',
      family: 4,
    });
  });

  it('connects to the address it was given, not to what the name resolves to now', async () => {
    const target = await startServer(ok);
    try {
      const port = new URL(target.url).port;
      // This name resolves nowhere: only the pinned address can reach the server.
      const status = await pinnedPost({
        url: new URL(`http://callback.invalid:${port}/hook`),
        to: { address: '127.0.0.1', family: 4 },
        headers: { 'content-type': 'application/json' },
        body: '{}',
        timeoutMs: 5000,
      });
      expect(status).toBe(200);
      expect(target.hits).toEqual([{ host: `callback.invalid:${port}`, body: '{}' }]);
    } finally {
      await target.close();
    }
  });
});

describe('webhook deliveries', () => {
  let store: Store;
  let repo: BotRepository;
  beforeEach(async () => {
    store = await openMemoryStore();
    repo = store.bots;
  });
  afterEach(() => store.close());
  const dispatcherWith = (allowPrivateAddresses: boolean) =>
    new WebhookDispatcher(repo, createLogger('silent'), {
      maxAttempts: 3,
      retryBaseMs: 10,
      allowPrivateAddresses,
    });

  it('does not follow a redirect: a 307 fails the delivery at once and its target is never hit', async () => {
    const elsewhere = await startServer(ok);
    const redirecting = await startServer((res) => {
      res.writeHead(307, { location: `${elsewhere.url}/stolen` }).end();
    });
    const dispatcher = dispatcherWith(true);
    try {
      const bot = (await repo.add(
        'moved',
        `${redirecting.url}/hook`,
        newWebhookSecret(),
        Date.now(),
      ))!;
      expect(await dispatcher.send(bot, 'answer', 'a1', { type: 'answer' })).toBe(false);
      expect(redirecting.hits).toHaveLength(1);
      expect(elsewhere.hits).toEqual([]);
      expect((await repo.deliveries(bot.id))[0]).toMatchObject({
        status: 'failed',
        attempts: 1,
        lastStatus: 307,
        lastError: expect.stringMatching(/redirects are not followed/),
      });
    } finally {
      dispatcher.close();
      await Promise.all([elsewhere.close(), redirecting.close()]);
    }
  });

  it('refuses to deliver to a loopback callback unless private addresses are allowed', async () => {
    const receiver = await startServer(ok);
    const refusing = dispatcherWith(false);
    const allowing = dispatcherWith(true);
    try {
      const bot = (await repo.add(
        'local',
        `${receiver.url}/hook`,
        newWebhookSecret(),
        Date.now(),
      ))!;
      expect(await refusing.send(bot, 'answer', 'a1', { type: 'answer' })).toBe(false);
      expect(receiver.hits).toEqual([]);
      expect((await repo.deliveries(bot.id))[0]).toMatchObject({
        status: 'failed',
        attempts: 1,
        lastError: expect.stringMatching(/not a public address/),
      });
      expect(await allowing.send(bot, 'answer', 'a2', { type: 'answer' })).toBe(true);
      expect(receiver.hits).toHaveLength(1);
    } finally {
      refusing.close();
      allowing.close();
      await receiver.close();
    }
  });
});

describe('signed webhook claims', () => {
  it('acts on a signed request once: replays within the window are refused with a code', async () => {
    const s = await startModerationServer({ env: { WEBHOOK_ALLOW_PRIVATE: 'true' } });
    const receiver = await startServer(ok);
    try {
      const secret = newWebhookSecret();
      const bot = (await s.store.bots.add('chatapp', `${receiver.url}/hook`, secret, 0))!;
      const body = JSON.stringify({ ref: 'm1', text: 'The moon is made of cheese' });
      const ts = Math.floor(Date.now() / 1000);
      const post = () =>
        fetch(`${s.url}/bots/webhook/chatapp/claims`, {
          method: 'POST',
          body,
          headers: {
            'content-type': 'application/json',
            [TIMESTAMP_HEADER]: String(ts),
            [SIGNATURE_HEADER]: signWebhook(secret, ts, body),
          },
        });
      const statuses = [];
      const codes = [];
      for (let i = 0; i < 3; i++) {
        const res = await post();
        statuses.push(res.status);
        codes.push(((await res.json()) as { error?: { code: string } }).error?.code);
      }
      expect(statuses).toEqual([202, 409, 409]);
      expect(codes).toEqual([undefined, 'WEBHOOK_REPLAYED', 'WEBHOOK_REPLAYED']);
      // The one accepted claim gets its one callback (an error: this server has no index).
      await waitFor(() => receiver.hits.length > 0);
      expect(await s.store.bots.deliveries(bot.id)).toHaveLength(1);
    } finally {
      await receiver.close();
      await s.close();
    }
  });
});
