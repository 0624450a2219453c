import { randomBytes } from 'node:crypto';
import type { CheckResult, Citation, Verdict } from '../types.js';
import type { Sql } from './sql.js';

/** One answered claim as stored: the full check result and how it was made. */
export interface StoredAnswer {
  answerId: string;
  claim: string;
  verdict: Verdict;
  confidence: number;
  citations: Citation[];
  result: CheckResult;
  indexVersion: string;
  channel: string;
  conversationId: string | null;
  clientHash: string | null;
  latencyMs: number;
  createdAt: number;
}

export interface NewAnswer {
  result: CheckResult;
  indexVersion: string;
  channel: string;
  conversationId?: string | null;
  clientHash?: string | null;
  latencyMs: number;
  createdAt?: number;
}

export interface FeedbackVote {
  answerId: string;
  clientHash: string;
  helpful: boolean;
  reason: string | null;
  createdAt: number;
}

export interface FeedbackCounts {
  helpful: number;
  notHelpful: number;
}

/** A vote and where it came from, for the cap on voters per hashed address. */
export interface AddressedVote {
  answerId: string;
  clientHash: string;
  addressHash: string;
  helpful: boolean;
  reason: string | null;
  /** Other clients from the same address that may have voted on the answer already. */
  cap: number;
}

/** Answers and their feedback votes. */
export interface AnswerRepository {
  /** Stores an answer and returns it with its new id. */
  save(input: NewAnswer): Promise<StoredAnswer>;
  get(answerId: string): Promise<StoredAnswer | undefined>;
  /** Answers from `fromMs` on, oldest first (moderation reads claims over time with this). */
  since(fromMs: number, limit?: number): Promise<StoredAnswer[]>;
  /** Records a vote; a client voting again on the same answer replaces its vote. */
  vote(
    answerId: string,
    clientHash: string,
    helpful: boolean,
    reason: string | null,
  ): Promise<void>;
  /**
   * Records the vote, tagged with its address, unless `cap` other clients from that address
   * voted on the answer already (then false, and nothing is written): one transaction.
   */
  voteFromAddress(vote: AddressedVote): Promise<boolean>;
  votes(answerId: string): Promise<FeedbackCounts>;
  votesSince(fromMs: number, limit?: number): Promise<FeedbackVote[]>;
}

/**
 * The check result is stored whole (`result`); verdict, confidence and answer get columns of their
 * own for queries. Citations are read from the result: the `citations` column that repeated them
 * is dropped (chat-003).
 */
interface AnswerRow {
  id: string;
  conversation_id: string | null;
  channel: string;
  client_hash: string | null;
  claim: string;
  verdict: Verdict;
  confidence: number;
  result: string;
  index_version: string;
  latency_ms: number;
  created_at: number;
}

function fromRow(row: AnswerRow): StoredAnswer {
  const result = JSON.parse(row.result) as CheckResult;
  return {
    answerId: row.id,
    claim: row.claim,
    verdict: row.verdict,
    confidence: row.confidence,
    citations: result.citations,
    result,
    indexVersion: row.index_version,
    channel: row.channel,
    conversationId: row.conversation_id,
    clientHash: row.client_hash,
    latencyMs: row.latency_ms,
    createdAt: row.created_at,
  };
}

/** Url-safe random answer ids: unguessable, since an answer id is a share link. */
export const newAnswerId = (): string => randomBytes(12).toString('base64url');

const COLUMNS = `id, conversation_id, channel, client_hash, claim, verdict, confidence, result,
  index_version, latency_ms, created_at`;

export function createAnswerRepository(sql: Sql): AnswerRepository {
  const vote = (
    on: Sql,
    answerId: string,
    clientHash: string,
    helpful: boolean,
    reason: string | null,
  ) =>
    on.run(
      `INSERT INTO chat_feedback (answer_id, client_hash, helpful, reason, created_at)
       VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (answer_id, client_hash) DO UPDATE SET helpful = excluded.helpful,
         reason = excluded.reason, created_at = excluded.created_at`,
      [answerId, clientHash, helpful ? 1 : 0, reason, Date.now()],
    );

  return {
    async save(input) {
      const row: AnswerRow = {
        id: newAnswerId(),
        conversation_id: input.conversationId ?? null,
        channel: input.channel,
        client_hash: input.clientHash ?? null,
        claim: input.result.claim,
        verdict: input.result.verdict,
        confidence: input.result.confidence,
        result: JSON.stringify(input.result),
        index_version: input.indexVersion,
        latency_ms: Math.round(input.latencyMs),
        created_at: input.createdAt ?? Date.now(),
      };
      await sql.run(
        `INSERT INTO chat_answers (${COLUMNS}, answer) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          row.id,
          row.conversation_id,
          row.channel,
          row.client_hash,
          row.claim,
          row.verdict,
          row.confidence,
          row.result,
          row.index_version,
          row.latency_ms,
          row.created_at,
          input.result.answer,
        ],
      );
      return fromRow(row);
    },
    async get(answerId) {
      const row = await sql.get<AnswerRow>(`SELECT ${COLUMNS} FROM chat_answers WHERE id = ?`, [
        answerId,
      ]);
      return row && fromRow(row);
    },
    async since(fromMs, limit = 1000) {
      const rows = await sql.all<AnswerRow>(
        `SELECT ${COLUMNS} FROM chat_answers WHERE created_at >= ? ORDER BY created_at, id LIMIT ?`,
        [fromMs, limit],
      );
      return rows.map(fromRow);
    },
    async vote(answerId, clientHash, helpful, reason) {
      await vote(sql, answerId, clientHash, helpful, reason);
    },
    voteFromAddress(v) {
      return sql.transaction(async (tx) => {
        const row = await tx.get<{ n: number }>(
          `SELECT COUNT(*) AS n FROM chat_feedback
           WHERE answer_id = ? AND address_hash = ? AND client_hash <> ?`,
          [v.answerId, v.addressHash, v.clientHash],
        );
        if (Number(row?.n ?? 0) >= v.cap) return false;
        await vote(tx, v.answerId, v.clientHash, v.helpful, v.reason);
        await tx.run(
          'UPDATE chat_feedback SET address_hash = ? WHERE answer_id = ? AND client_hash = ?',
          [v.addressHash, v.answerId, v.clientHash],
        );
        return true;
      });
    },
    async votes(answerId) {
      const row = await sql.get<FeedbackCounts>(
        `SELECT COALESCE(SUM(helpful), 0) AS helpful, COALESCE(SUM(1 - helpful), 0) AS "notHelpful"
         FROM chat_feedback WHERE answer_id = ?`,
        [answerId],
      );
      return { helpful: Number(row?.helpful ?? 0), notHelpful: Number(row?.notHelpful ?? 0) };
    },
    async votesSince(fromMs, limit = 1000) {
      const rows = await sql.all<{
        answer_id: string;
        client_hash: string;
        helpful: number;
        reason: string | null;
        created_at: number;
      }>(
        `SELECT answer_id, client_hash, helpful, reason, created_at
         FROM chat_feedback WHERE created_at >= ? ORDER BY created_at, id LIMIT ?`,
        [fromMs, limit],
      );
      return rows.map((r) => ({
        answerId: r.answer_id,
        clientHash: r.client_hash,
        helpful: r.helpful === 1,
        reason: r.reason,
        createdAt: r.created_at,
      }));
    },
  };
}
