import type { Sql } from './sql.js';

export interface WebhookBot {
  id: number;
  name: string;
  url: string;
  secret: string;
  createdAt: number;
}

export type DeliveryKind = 'answer' | 'correction';
export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

export interface Delivery {
  id: number;
  botId: number;
  kind: DeliveryKind;
  answerId: string | null;
  payload: string;
  status: DeliveryStatus;
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: number;
  deliveredAt: number | null;
}

/** Webhook bots, every delivery made to them, and per-group Telegram settings. */
export interface BotRepository {
  /** Registers a webhook bot; undefined when the name is taken. */
  add(name: string, url: string, secret: string, now: number): Promise<WebhookBot | undefined>;
  list(): Promise<WebhookBot[]>;
  get(id: number): Promise<WebhookBot | undefined>;
  remove(name: string): Promise<boolean>;
  createDelivery(
    botId: number,
    kind: DeliveryKind,
    answerId: string | null,
    payload: string,
    now: number,
  ): Promise<Delivery>;
  delivery(id: number): Promise<Delivery | undefined>;
  /** Records one attempt's outcome. */
  recordAttempt(
    id: number,
    outcome: { status: DeliveryStatus; httpStatus?: number; error?: string },
    now: number,
  ): Promise<void>;
  deliveries(botId?: number, limit?: number): Promise<Delivery[]>;
  isAutoReply(chatId: number): Promise<boolean>;
  setAutoReply(chatId: number, on: boolean, now: number): Promise<void>;
}

interface BotRow {
  id: number;
  name: string;
  url: string;
  secret: string;
  created_at: number;
}

interface DeliveryRow {
  id: number;
  bot_id: number;
  kind: DeliveryKind;
  answer_id: string | null;
  payload: string;
  status: DeliveryStatus;
  attempts: number;
  last_status: number | null;
  last_error: string | null;
  created_at: number;
  delivered_at: number | null;
}

const toBot = (r: BotRow): WebhookBot => ({
  id: r.id,
  name: r.name,
  url: r.url,
  secret: r.secret,
  createdAt: r.created_at,
});

const toDelivery = (r: DeliveryRow): Delivery => ({
  id: r.id,
  botId: r.bot_id,
  kind: r.kind,
  answerId: r.answer_id,
  payload: r.payload,
  status: r.status,
  attempts: r.attempts,
  lastStatus: r.last_status,
  lastError: r.last_error,
  createdAt: r.created_at,
  deliveredAt: r.delivered_at,
});

const BOT_COLUMNS = 'id, name, url, secret, created_at';
const DELIVERY_COLUMNS = `id, bot_id, kind, answer_id, payload, status, attempts, last_status,
  last_error, created_at, delivered_at`;

export function createBotRepository(sql: Sql): BotRepository {
  const delivery = async (id: number) => {
    const row = await sql.get<DeliveryRow>(
      `SELECT ${DELIVERY_COLUMNS} FROM mod_deliveries WHERE id = ?`,
      [id],
    );
    return row && toDelivery(row);
  };
  return {
    async add(name, url, secret, now) {
      const row = await sql.get<{ id: number }>(
        `INSERT INTO mod_bots (name, url, secret, created_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (name) DO NOTHING RETURNING id`,
        [name, url, secret, now],
      );
      return row && { id: row.id, name, url, secret, createdAt: now };
    },
    async list() {
      const rows = await sql.all<BotRow>(`SELECT ${BOT_COLUMNS} FROM mod_bots ORDER BY id`);
      return rows.map(toBot);
    },
    async get(id) {
      const row = await sql.get<BotRow>(`SELECT ${BOT_COLUMNS} FROM mod_bots WHERE id = ?`, [id]);
      return row && toBot(row);
    },
    async remove(name) {
      return (await sql.run('DELETE FROM mod_bots WHERE name = ?', [name])).changes > 0;
    },
    async createDelivery(botId, kind, answerId, payload, now) {
      const row = await sql.get<DeliveryRow>(
        `INSERT INTO mod_deliveries (bot_id, kind, answer_id, payload, status, created_at)
         VALUES (?, ?, ?, ?, 'pending', ?) RETURNING ${DELIVERY_COLUMNS}`,
        [botId, kind, answerId, payload, now],
      );
      return toDelivery(row!);
    },
    delivery,
    async recordAttempt(id, outcome, now) {
      await sql.run(
        `UPDATE mod_deliveries SET attempts = attempts + 1, status = ?, last_status = ?,
           last_error = ?, delivered_at = COALESCE(?, delivered_at) WHERE id = ?`,
        [
          outcome.status,
          outcome.httpStatus ?? null,
          outcome.error ?? null,
          outcome.status === 'delivered' ? now : null,
          id,
        ],
      );
    },
    async deliveries(botId, limit = 100) {
      const rows =
        botId === undefined
          ? await sql.all<DeliveryRow>(
              `SELECT ${DELIVERY_COLUMNS} FROM mod_deliveries ORDER BY id DESC LIMIT ?`,
              [limit],
            )
          : await sql.all<DeliveryRow>(
              `SELECT ${DELIVERY_COLUMNS} FROM mod_deliveries WHERE bot_id = ?
               ORDER BY id DESC LIMIT ?`,
              [botId, limit],
            );
      return rows.map(toDelivery);
    },
    async isAutoReply(chatId) {
      const row = await sql.get<{ auto_reply: number }>(
        'SELECT auto_reply FROM mod_telegram_groups WHERE chat_id = ?',
        [String(chatId)],
      );
      return row?.auto_reply === 1;
    },
    async setAutoReply(chatId, on, now) {
      await sql.run(
        `INSERT INTO mod_telegram_groups (chat_id, auto_reply, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (chat_id) DO UPDATE SET auto_reply = excluded.auto_reply,
           updated_at = excluded.updated_at`,
        [String(chatId), on ? 1 : 0, now],
      );
    },
  };
}
