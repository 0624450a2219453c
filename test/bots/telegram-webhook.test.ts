import { randomBytes } from 'node:crypto';
import type { Config } from '../../src/config/config.js';
import type { Checker } from '../../src/verdict/checker-types.js';
import { INDEX_BUILD_TIMEOUT_MS, realChecker } from '../server/support/real-checker.js';
import { captureLogs } from '../support/log-capture.js';
import { startModerationApp, type ModerationApp } from '../moderation/support/moderation-app.js';
import {
  commandUpdate,
  messageUpdate,
  startFakeTelegram,
  type FakeTelegram,
} from './support/fake-telegram.js';

const PUBLIC_URL = 'https://factcheck.example';
const GROUP = -300400;
// A rumor from the April rumor inventory in knowledge/, answered by the real checker.
const RUMOR = 'Eating strawberries is dangerous because of pesticide residue';
/** The real checker may take a while on a busy machine. */
const ANSWER_WAIT_MS = 60_000;

let nextUpdateId = 1;

/** Telegram's settings for webhook mode, with a fresh secret as `openssl rand -hex` gives. */
function webhookSettings(tg: FakeTelegram, secret: string): Partial<Config> {
  return {
    TELEGRAM_BOT_TOKEN: '77:WEBHOOK',
    TELEGRAM_MODE: 'webhook',
    TELEGRAM_API_ROOT: tg.apiRoot,
    TELEGRAM_WEBHOOK_SECRET: secret,
    PUBLIC_URL,
  };
}

describe('telegram bot in webhook mode', () => {
  const secret = randomBytes(24).toString('hex');
  const logs = captureLogs('trace');
  let checker: Checker;
  let tg: FakeTelegram;
  let app: ModerationApp;
  let isClosed = false;

  /** Posts a body to the webhook as Telegram does: JSON with the secret-token header. */
  function post(
    body: string,
    headers: Record<string, string> = { 'x-telegram-bot-api-secret-token': secret },
    path = `/bots/telegram/${secret}`,
  ): Promise<Response> {
    return fetch(`${app.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });
  }

  const deliver = (update: Record<string, unknown>) =>
    post(JSON.stringify({ update_id: nextUpdateId++, ...update }));

  async function expectRefusal(res: Response, status: number, code: string): Promise<void> {
    expect(res.status).toBe(status);
    expect(await res.json()).toEqual({ error: { code, message: expect.any(String) } });
  }

  beforeAll(async () => {
    tg = await startFakeTelegram();
    checker = await realChecker();
    app = await startModerationApp({
      checker,
      prefix: 'factcheck-tg-webhook-',
      settings: () => webhookSettings(tg, secret),
      logger: logs.logger,
    });
  }, INDEX_BUILD_TIMEOUT_MS);

  afterAll(async () => {
    if (!isClosed) await app.close();
    await checker.close();
    await tg.close();
  });

  it('registers the webhook at the public URL with the secret token once the server listens', async () => {
    const call = await tg.waitFor(() => tg.calls.find((c) => c.method === 'setWebhook'));
    expect(call.payload).toMatchObject({
      url: `${PUBLIC_URL}/bots/telegram/${secret}`,
      secret_token: secret,
    });
    expect(tg.calls.filter((c) => c.method === 'setWebhook')).toHaveLength(1);
    // Webhook mode never polls, and so never drops the webhook it has just set.
    expect(tg.calls.some((c) => c.method === 'deleteWebhook' || c.method === 'getUpdates')).toBe(
      false,
    );
  });

  it('answers a claim posted in a private chat, with a link to the full answer page', async () => {
    const update = messageUpdate({ chatId: 51, text: RUMOR });
    const res = await deliver(update);
    expect(res.status).toBe(200);
    const reply = await tg.waitFor(() => tg.sent().find((m) => m.chat_id === 51), ANSWER_WAIT_MS);
    const asked = (update.message as { message_id: number }).message_id;
    expect(reply.reply_parameters).toMatchObject({ message_id: asked });
    const link = /Full answer: (\S+)/.exec(String(reply.text))?.[1];
    expect(link).toMatch(new RegExp(`^${PUBLIC_URL}/a/[\\w-]+$`));
    // The linked page is this server's answer to the claim that came in by webhook.
    const page = await fetch(`${app.url}${new URL(link!).pathname}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(RUMOR);
  });

  it('answers /check in a group and stays quiet at other group messages', async () => {
    const quiet = await deliver(messageUpdate({ chatId: GROUP, text: `${RUMOR}, my aunt says` }));
    // The webhook answers Telegram once the update is handled: by then a reply would be sent.
    expect(quiet.status).toBe(200);
    expect(tg.sent().filter((m) => m.chat_id === GROUP)).toHaveLength(0);

    const check = commandUpdate(GROUP, '/check', RUMOR);
    expect((await deliver(check)).status).toBe(200);
    const reply = await tg.waitFor(
      () => tg.sent().find((m) => m.chat_id === GROUP),
      ANSWER_WAIT_MS,
    );
    expect(reply.reply_parameters).toMatchObject({
      message_id: (check.message as { message_id: number }).message_id,
    });
    expect(String(reply.text)).toContain(`Full answer: ${PUBLIC_URL}/a/`);
    expect(tg.calls.some((c) => c.method === 'getMe')).toBe(true);
  });

  it('refuses updates without the right secret token with a coded 401, handling nothing', async () => {
    const before = tg.calls.length;
    const forged = JSON.stringify({
      update_id: nextUpdateId++,
      ...messageUpdate({ chatId: 52, text: RUMOR }),
    });
    await expectRefusal(await post(forged, {}), 401, 'UNAUTHENTICATED');
    await expectRefusal(
      await post(forged, { 'x-telegram-bot-api-secret-token': `${secret}x` }),
      401,
      'UNAUTHENTICATED',
    );
    // The header alone is not enough: the path must carry the secret too.
    await expectRefusal(
      await post(
        forged,
        { 'x-telegram-bot-api-secret-token': secret },
        `/bots/telegram/${secret.slice(1)}`,
      ),
      401,
      'UNAUTHENTICATED',
    );
    expect(tg.calls.slice(before)).toEqual([]);
  });

  it('refuses malformed, oversized and non-update bodies with coded 4xx and keeps serving', async () => {
    await expectRefusal(await post('{"update_id": 5, "message":'), 400, 'INVALID_JSON');
    await expectRefusal(
      await post(JSON.stringify({ update_id: nextUpdateId++, pad: 'x'.repeat(300 * 1024) })),
      413,
      'BODY_TOO_LARGE',
    );
    await expectRefusal(await post('[]'), 400, 'VALIDATION_FAILED');
    await expectRefusal(await post('{"message": {}}'), 400, 'VALIDATION_FAILED');
    await expectRefusal(
      await post('update_id=5', {
        'x-telegram-bot-api-secret-token': secret,
        'content-type': 'application/x-www-form-urlencoded',
      }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    // A well-formed update still goes through after all of that.
    expect((await deliver(commandUpdate(53, '/start'))).status).toBe(200);
    await tg.waitFor(() => tg.sent().find((m) => m.chat_id === 53));
  });

  it('logs an update whose reply Telegram refuses and acknowledges it, so it is not delivered again', async () => {
    tg.failing.add('sendMessage');
    try {
      expect((await deliver(commandUpdate(55, '/start'))).status).toBe(200);
    } finally {
      tg.failing.delete('sendMessage');
    }
    expect(tg.calls.some((c) => c.method === 'sendMessage' && c.payload.chat_id === 55)).toBe(true);
    expect(logs.text()).toContain('telegram update failed');
  });

  it('keeps the secret out of the logs and the metrics', async () => {
    const metrics = await (await fetch(`${app.url}/metrics`)).text();
    expect(metrics).toContain('route="/bots/telegram/:secret"');
    expect(metrics).not.toContain(secret);
    // Every request above was logged at trace level or above; none of it names the secret.
    expect(logs.text()).toContain('request refused');
    expect(logs.text()).not.toContain(secret);
  });

  it('logs a refused setWebhook without the secret it was sent', async () => {
    const refusing = await startFakeTelegram({ failing: ['setWebhook'] });
    const other = captureLogs('trace');
    const otherSecret = randomBytes(24).toString('hex');
    const failing = await startModerationApp({
      checker,
      prefix: 'factcheck-tg-refused-',
      settings: () => webhookSettings(refusing, otherSecret),
      logger: other.logger,
    });
    try {
      await refusing.waitFor(() =>
        other.text().includes('telegram bot did not start') ? true : undefined,
      );
      expect(other.text()).toContain('Bad Request: refused');
      expect(other.text()).not.toContain(otherSecret);
    } finally {
      await failing.close();
      await refusing.close();
    }
  });

  it('refuses updates while shutting down, so Telegram delivers them again, and leaves the webhook set', async () => {
    // What close() does first: claims are refused from then on.
    await app.server.answers.drain(0);
    const update = messageUpdate({ chatId: 54, text: RUMOR });
    await expectRefusal(await deliver(update), 503, 'SHUTTING_DOWN');
    await app.close();
    isClosed = true;
    expect(tg.sent().some((m) => m.chat_id === 54)).toBe(false);
    // Telegram holds the updates for a registered webhook until a server is back.
    expect(tg.calls.some((c) => c.method === 'deleteWebhook')).toBe(false);
  });
});
