import http from 'node:http';
import { listenLocally } from '../../support/listen.js';
import { waitFor } from '../../support/wait-for.js';

export interface ApiCall {
  method: string;
  payload: Record<string, unknown>;
}

export const BOT_USER = {
  id: 4242,
  is_bot: true,
  first_name: 'Factcheck',
  username: 'factcheck_test_bot',
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
};

/**
 * A local HTTP server that speaks the Telegram Bot API (POST /bot<token>/<method>, JSON in,
 * {ok, result} out) for the methods our bot uses, recording every call. getUpdates long-polls
 * a queue that tests fill with `push`. Methods in `failing` (a set tests may change) answer as
 * Telegram does when it refuses a call.
 */
export async function startFakeTelegram(options: { admins?: number[]; failing?: string[] } = {}) {
  const calls: ApiCall[] = [];
  const queue: Record<string, unknown>[] = [];
  let waiting: (() => void) | undefined;
  let messageId = 1000;
  let nextUpdateId = 1;
  const failing = new Set(options.failing);
  /** Files the bot may download, by file_id, with the path getFile gives for each. */
  const files = new Map<string, { path: string; bytes: Buffer }>();

  async function result(method: string, p: Record<string, unknown>): Promise<unknown> {
    switch (method) {
      case 'getMe':
        return BOT_USER;
      case 'sendMessage':
        return {
          message_id: ++messageId,
          date: Math.floor(Date.now() / 1000),
          chat: { id: p.chat_id, type: Number(p.chat_id) < 0 ? 'group' : 'private' },
          from: BOT_USER,
          text: p.text,
        };
      case 'getFile': {
        const file = files.get(String(p.file_id));
        if (!file) return undefined;
        return {
          file_id: p.file_id,
          file_unique_id: `u-${String(p.file_id)}`,
          file_size: file.bytes.length,
          file_path: file.path,
        };
      }
      case 'getChatMember':
        return {
          status: (options.admins ?? []).includes(Number(p.user_id)) ? 'administrator' : 'member',
          user: { id: p.user_id, is_bot: false, first_name: 'Member' },
        };
      case 'getUpdates': {
        const offset = Number(p.offset ?? 0);
        const pending = () => queue.filter((u) => Number(u.update_id) >= offset);
        if (pending().length === 0) {
          await new Promise<void>((resolve) => {
            waiting = resolve;
            setTimeout(resolve, Math.min(Number(p.timeout ?? 0), 1) * 1000);
          });
        }
        return pending();
      }
      default:
        return true;
    }
  }

  const server = http.createServer((req, res) => {
    // Telegram's file path protocol: GET /file/bot<token>/<file_path>.
    const download = /^\/file\/bot[^/]+\/(.+)$/.exec(req.url ?? '');
    if (req.method === 'GET' && download) {
      const file = [...files.values()].find((f) => f.path === download[1]);
      calls.push({ method: 'download', payload: { path: download[1] } });
      res.statusCode = file ? 200 : 404;
      res.end(file?.bytes);
      return;
    }
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const method = (req.url ?? '').split('/').pop() ?? '';
      const payload = body ? (JSON.parse(body) as Record<string, unknown>) : {};
      if (method !== 'getUpdates') calls.push({ method, payload });
      res.setHeader('content-type', 'application/json');
      if (failing.has(method)) {
        res.statusCode = 400;
        res.end(
          JSON.stringify({ ok: false, error_code: 400, description: 'Bad Request: refused' }),
        );
        return;
      }
      void result(method, payload).then((r) =>
        res.end(
          JSON.stringify(
            r === undefined
              ? { ok: false, error_code: 400, description: 'Bad Request: invalid file_id' }
              : { ok: true, result: r },
          ),
        ),
      );
    });
  });
  // Telegram keeps connections open for long: a bot's keep-alive socket idle while it reads an
  // image (seconds) must not be closed under it, as Node's 5 s default would.
  server.keepAliveTimeout = 120_000;
  const apiRoot = await listenLocally(server);

  return {
    apiRoot,
    calls,
    failing,
    /** Sent messages, in order. */
    sent: () => calls.filter((c) => c.method === 'sendMessage').map((c) => c.payload),
    /** Makes a file downloadable under `fileId` (a photo the tests send). */
    addFile(fileId: string, bytes: Buffer, extension = 'png'): void {
      files.set(fileId, { path: `photos/file_${files.size}.${extension}`, bytes });
    },
    /** Queues an update for getUpdates; returns it with its id. */
    push(update: Record<string, unknown>): Record<string, unknown> {
      const withId = { update_id: nextUpdateId++, ...update };
      queue.push(withId);
      waiting?.();
      return withId;
    },
    waitFor: <T>(probe: () => T | undefined | false, timeoutMs?: number): Promise<T> =>
      waitFor(probe, timeoutMs, 'the bot'),
    close: () =>
      new Promise<void>((resolve) => {
        waiting?.();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type FakeTelegram = Awaited<ReturnType<typeof startFakeTelegram>>;

let messageSeq = 1;

/** A message update as Telegram sends it. */
export function messageUpdate(options: {
  chatId: number;
  fromId?: number;
  text?: string;
  caption?: string;
  /** A photo: true for a stand-in, or the file_id of a file added with `addFile`. */
  photo?: boolean | string;
  sticker?: boolean;
  replyTo?: Record<string, unknown>;
  entities?: Record<string, unknown>[];
  edited?: boolean;
}): Record<string, unknown> {
  const message = {
    message_id: messageSeq++,
    date: Math.floor(Date.now() / 1000),
    chat:
      options.chatId < 0
        ? { id: options.chatId, type: 'group', title: 'Test group' }
        : { id: options.chatId, type: 'private', first_name: 'Tester' },
    from: { id: options.fromId ?? 7, is_bot: false, first_name: 'Tester' },
    ...(options.text !== undefined ? { text: options.text } : {}),
    ...(options.caption !== undefined ? { caption: options.caption } : {}),
    // Telegram sends a photo in several sizes, smallest first.
    ...(options.photo
      ? {
          photo: [
            { file_id: 'thumb', file_unique_id: 'ut', width: 90, height: 40 },
            {
              file_id: options.photo === true ? 'p1' : options.photo,
              file_unique_id: 'u1',
              width: 420,
              height: 200,
            },
          ],
        }
      : {}),
    ...(options.sticker
      ? {
          sticker: {
            file_id: 's1',
            file_unique_id: 'u2',
            type: 'regular',
            width: 10,
            height: 10,
            is_animated: false,
            is_video: false,
          },
        }
      : {}),
    ...(options.replyTo ? { reply_to_message: options.replyTo } : {}),
    ...(options.entities ? { entities: options.entities } : {}),
    ...(options.edited ? { edit_date: Math.floor(Date.now() / 1000) } : {}),
  };
  return options.edited ? { edited_message: message } : { message };
}

/** A /command message with its bot_command entity. */
export function commandUpdate(
  chatId: number,
  command: string,
  rest = '',
  extra: { fromId?: number; replyTo?: Record<string, unknown> } = {},
) {
  const text = rest ? `${command} ${rest}` : command;
  return messageUpdate({
    chatId,
    text,
    fromId: extra.fromId,
    replyTo: extra.replyTo,
    entities: [{ type: 'bot_command', offset: 0, length: command.length }],
  });
}
