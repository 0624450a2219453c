import { preparedOnce, type Db, type Statement } from './db.js';

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

/** Webhook bots, every delivery made to them, and per-group Telegram settings. */
export class BotRepository {
  private readonly sql: (text: string) => Statement;

  constructor(db: Db) {
    this.sql = preparedOnce(db);
  }

  /** Registers a webhook bot; undefined when the name is taken. */
  add(name: string, url: string, secret: string, now: number): WebhookBot | undefined {
    const result = this.sql(
      'INSERT INTO mod_bots (name, url, secret, created_at) VALUES (?, ?, ?, ?) ON CONFLICT(name) DO NOTHING',
    ).run(name, url, secret, now);
    if (result.changes === 0) return undefined;
    return { id: Number(result.lastInsertRowid), name, url, secret, createdAt: now };
  }

  list(): WebhookBot[] {
    return (
      this.sql('SELECT * FROM mod_bots ORDER BY id').all() as {
        id: number;
        name: string;
        url: string;
        secret: string;
        created_at: number;
      }[]
    ).map((r) => ({
      id: r.id,
      name: r.name,
      url: r.url,
      secret: r.secret,
      createdAt: r.created_at,
    }));
  }

  get(id: number): WebhookBot | undefined {
    return this.list().find((b) => b.id === id);
  }

  remove(name: string): boolean {
    return this.sql('DELETE FROM mod_bots WHERE name = ?').run(name).changes > 0;
  }

  createDelivery(
    botId: number,
    kind: DeliveryKind,
    answerId: string | null,
    payload: string,
    now: number,
  ): Delivery {
    const result = this.sql(
      "INSERT INTO mod_deliveries (bot_id, kind, answer_id, payload, status, created_at) VALUES (?, ?, ?, ?, 'pending', ?)",
    ).run(botId, kind, answerId, payload, now);
    return this.delivery(Number(result.lastInsertRowid))!;
  }

  delivery(id: number): Delivery | undefined {
    const row = this.sql('SELECT * FROM mod_deliveries WHERE id = ?').get(id) as
      DeliveryRow | undefined;
    return row && toDelivery(row);
  }

  /** Records one attempt's outcome. */
  recordAttempt(
    id: number,
    outcome: { status: DeliveryStatus; httpStatus?: number; error?: string },
    now: number,
  ): void {
    this.sql(
      `UPDATE mod_deliveries SET attempts = attempts + 1, status = ?, last_status = ?, last_error = ?,
           delivered_at = CASE WHEN ? = 'delivered' THEN ? ELSE delivered_at END WHERE id = ?`,
    ).run(
      outcome.status,
      outcome.httpStatus ?? null,
      outcome.error ?? null,
      outcome.status,
      now,
      id,
    );
  }

  deliveries(botId?: number, limit = 100): Delivery[] {
    const rows = (
      botId === undefined
        ? this.sql('SELECT * FROM mod_deliveries ORDER BY id DESC LIMIT ?').all(limit)
        : this.sql('SELECT * FROM mod_deliveries WHERE bot_id = ? ORDER BY id DESC LIMIT ?').all(
            botId,
            limit,
          )
    ) as DeliveryRow[];
    return rows.map(toDelivery);
  }

  isAutoReply(chatId: number): boolean {
    const row = this.sql('SELECT auto_reply FROM mod_telegram_groups WHERE chat_id = ?').get(
      String(chatId),
    ) as { auto_reply: number } | undefined;
    return row?.auto_reply === 1;
  }

  setAutoReply(chatId: number, on: boolean, now: number): void {
    this.sql(
      `INSERT INTO mod_telegram_groups (chat_id, auto_reply, updated_at) VALUES (?, ?, ?)
         ON CONFLICT(chat_id) DO UPDATE SET auto_reply = excluded.auto_reply, updated_at = excluded.updated_at`,
    ).run(String(chatId), on ? 1 : 0, now);
  }
}
