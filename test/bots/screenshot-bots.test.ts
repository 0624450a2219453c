import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { newWebhookSecret } from '../../src/bots/webhook-bots.js';
import {
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  signWebhook,
} from '../../src/bots/webhook-signature.js';
import { withStore } from '../../src/store/store.js';
import type { Checker } from '../../src/verdict/checker-types.js';
import { startModerationApp, type ModerationApp } from '../moderation/support/moderation-app.js';
import { INDEX_BUILD_TIMEOUT_MS, realChecker } from '../server/support/real-checker.js';
import { listenLocally } from '../support/listen.js';
import {
  badImages,
  citesAcrylamide,
  renderStarbucksShots,
  STARBUCKS_SHOTS,
  type StarbucksShot,
} from '../support/screenshot-claims.js';
import { waitFor } from '../support/wait-for.js';
import {
  BOT_USER,
  commandUpdate,
  messageUpdate,
  startFakeTelegram,
  type FakeTelegram,
} from './support/fake-telegram.js';

/** The real checker may take a while on a busy machine. */
const ANSWER_WAIT_MS = 60_000;
const GROUP = -500600;

type Json = Record<string, unknown>;

/** A local HTTP server recording what is posted (or fetched) to it. */
async function startRecorder() {
  const received: { method: string; body: string }[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      received.push({ method: req.method ?? '', body });
      res.end();
    });
  });
  const url = await listenLocally(server);
  return {
    url,
    received,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

describe('screenshot claims from bots (Telegram and signed webhooks)', () => {
  const secret = randomBytes(24).toString('hex');
  const hookSecret = newWebhookSecret();
  let checker: Checker;
  let tg: FakeTelegram;
  let app: ModerationApp;
  let callback: Awaited<ReturnType<typeof startRecorder>>;
  let shots: Record<StarbucksShot, Buffer>;
  let bad: Awaited<ReturnType<typeof badImages>>;
  let nextUpdateId = 1;

  const deliver = (update: Json) =>
    fetch(`${app.url}/bots/telegram/${secret}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-telegram-bot-api-secret-token': secret,
      },
      body: JSON.stringify({ update_id: nextUpdateId++, ...update }),
    });

  const replyIn = (chatId: number) =>
    tg.waitFor(() => tg.sent().find((m) => m.chat_id === chatId), ANSWER_WAIT_MS);

  /** Posts a signed claim to the generic webhook, as a platform adapter does. */
  function postClaim(claim: Json): Promise<Response> {
    const body = JSON.stringify(claim);
    const ts = Math.floor(Date.now() / 1000);
    return fetch(`${app.url}/bots/webhook/chatapp/claims`, {
      method: 'POST',
      body,
      headers: {
        [TIMESTAMP_HEADER]: String(ts),
        [SIGNATURE_HEADER]: signWebhook(hookSecret, ts, body),
      },
    });
  }

  /** The callback delivery for a claim's `ref`. */
  const delivered = (ref: string) =>
    waitFor(
      () => callback.received.map((r) => JSON.parse(r.body) as Json).find((b) => b.ref === ref),
      ANSWER_WAIT_MS,
      `the delivery of ${ref}`,
    );

  beforeAll(async () => {
    tg = await startFakeTelegram();
    callback = await startRecorder();
    checker = await realChecker();
    app = await startModerationApp({
      checker,
      prefix: 'factcheck-shot-bots-',
      settings: () => ({
        TELEGRAM_BOT_TOKEN: '88:SHOTS',
        TELEGRAM_MODE: 'webhook',
        TELEGRAM_API_ROOT: tg.apiRoot,
        TELEGRAM_WEBHOOK_SECRET: secret,
        OCR_MAX_IMAGE_BYTES: 400_000,
        // The callback recorder listens on loopback.
        WEBHOOK_ALLOW_PRIVATE: true,
      }),
    });
    // The app's own database file, through a second connection (as `factcheck bots add` does).
    await withStore(app.config, (store) =>
      store.bots.add('chatapp', callback.url, hookSecret, Date.now()),
    );
    shots = await renderStarbucksShots();
    bad = await badImages(shots.english);
    tg.addFile('en-shot', shots.english);
    tg.addFile('zh-shot', shots.chinese, 'jpg');
    tg.addFile('gif-doc', bad.gif.bytes, 'gif');
    tg.addFile('huge', Buffer.alloc(500_000, 1));
    tg.addFile('blank', bad.blank.bytes);
  }, INDEX_BUILD_TIMEOUT_MS);

  describe('telegram', () => {
    it('answers an English screenshot sent as a photo in a private chat', async () => {
      expect((await deliver(messageUpdate({ chatId: 61, photo: 'en-shot' }))).status).toBe(200);
      const text = String((await replyIn(61)).text);
      expect(text).toMatch(
        /^Read from the image: "URGENT!!! Drinking Starbucks coffee gives you cancer"\n❌ FALSE/,
      );
      expect(text).toContain('Full answer:');
      // The largest size was downloaded through the file path protocol, not the thumbnail.
      expect(tg.calls.find((c) => c.method === 'getFile')?.payload.file_id).toBe('en-shot');
      expect(tg.calls.some((c) => c.method === 'download')).toBe(true);
    });

    it('answers /check in a group in reply to a Chinese screenshot, and ignores photos nobody asked about', async () => {
      const photo = messageUpdate({ chatId: GROUP, photo: 'zh-shot' });
      expect((await deliver(photo)).status).toBe(200);
      expect(tg.sent().filter((m) => m.chat_id === GROUP)).toHaveLength(0);
      const check = commandUpdate(GROUP, '/check', '', { replyTo: photo.message as Json });
      expect((await deliver(check)).status).toBe(200);
      const reply = await replyIn(GROUP);
      expect(String(reply.text)).toMatch(/^Read from the image: "喝星巴克咖啡会致癌"\n❌ FALSE/);
      expect(reply.reply_parameters).toMatchObject({
        message_id: (photo.message as { message_id: number }).message_id,
      });
    });

    it('checks the caption of a photo without text', async () => {
      const caption = 'Drinking Starbucks coffee gives you cancer';
      await deliver(messageUpdate({ chatId: 64, photo: 'blank', caption }));
      const text = String((await replyIn(64)).text);
      expect(text).toMatch(/^❌ FALSE/);
      expect(text).not.toContain('Read from the image');
    });

    it('reads a photo in a group whose caption mentions the bot', async () => {
      const group = GROUP - 1;
      await deliver(
        messageUpdate({
          chatId: group,
          photo: 'en-shot',
          caption: `@${BOT_USER.username} is this true?`,
        }),
      );
      expect(String((await replyIn(group)).text)).toContain('❌ FALSE');
    });

    it('says why it cannot read a GIF sent as a file, and downloads nothing over the image cap', async () => {
      const gif = messageUpdate({ chatId: 62 });
      (gif.message as Json).document = {
        file_id: 'gif-doc',
        file_unique_id: 'ug',
        mime_type: 'image/gif',
        file_size: bad.gif.bytes.length,
      };
      await deliver(gif);
      expect(String((await replyIn(62)).text)).toMatch(/^Sorry, I could not read that image: GIF/);

      const downloads = tg.calls.filter((c) => c.method === 'download').length;
      const huge = messageUpdate({ chatId: 63 });
      (huge.message as Json).photo = [
        { file_id: 'huge', file_unique_id: 'uh', width: 4000, height: 3000, file_size: 500_000 },
      ];
      await deliver(huge);
      expect(String((await replyIn(63)).text)).toMatch(
        /^Sorry, I could not read that image: The image is larger than 400000 bytes/,
      );
      expect(tg.calls.filter((c) => c.method === 'download')).toHaveLength(downloads);
    });
  });

  describe('signed webhooks', () => {
    it.each(['english', 'chinese'] as const)(
      'answers the %s screenshot sent as base64 at the callback, with what was read',
      async (name) => {
        const ref = `shot-${name}`;
        const res = await postClaim({ ref, image: shots[name].toString('base64') });
        expect(res.status).toBe(202);
        const answer = await delivered(ref);
        expect(answer).toMatchObject({
          type: 'answer',
          verdict: 'REFUTED',
          ocr: { text: STARBUCKS_SHOTS[name].text },
        });
        expect(citesAcrylamide(answer as never)).toBe(true);
      },
    );

    it('takes a data: URL, and checks the text sent beside the image instead of its reading', async () => {
      const text = 'Coffee contains acrylamide';
      const image = `data:image/png;base64,${shots.english.toString('base64')}`;
      expect((await postClaim({ ref: 'beside', text, image })).status).toBe(202);
      expect(await delivered('beside')).toMatchObject({
        claim: text,
        ocr: { text: STARBUCKS_SHOTS.english.text },
      });
    });

    it('refuses an image URL without fetching it, and an image over the cap, before accepting', async () => {
      const trap = await startRecorder();
      try {
        const url = await postClaim({ ref: 'url', image: `${trap.url}/shot.png` });
        expect(url.status).toBe(415);
        expect(((await url.json()) as { error: Json }).error.code).toBe('IMAGE_UNSUPPORTED');
        expect(trap.received).toHaveLength(0);
      } finally {
        await trap.close();
      }
      // Within the body limit (which makes room for the cap in base64), over the image cap.
      const big = await postClaim({
        ref: 'big',
        image: Buffer.alloc(410_000, 7).toString('base64'),
      });
      expect(big.status).toBe(413);
      expect(((await big.json()) as { error: Json }).error.code).toBe('IMAGE_TOO_LARGE');
    });

    it.each(['gif', 'truncated', 'bomb', 'blank'] as const)(
      'delivers a coded error for a %s image to the callback',
      async (kind) => {
        const ref = `bad-${kind}`;
        expect((await postClaim({ ref, image: bad[kind].bytes.toString('base64') })).status).toBe(
          202,
        );
        expect(await delivered(ref)).toMatchObject({
          type: 'error',
          error: { code: bad[kind].code },
        });
      },
    );
  });

  afterAll(async () => {
    await app?.close();
    await checker?.close();
    await tg?.close();
    await callback?.close();
  });
});
