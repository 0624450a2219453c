import { randomBytes } from 'node:crypto';
import type { CheckResult, Citation, Verdict } from '../types.js';
import type { Db } from './db.js';

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

interface AnswerRow {
  id: string;
  conversation_id: string | null;
  channel: string;
  client_hash: string | null;
  claim: string;
  verdict: Verdict;
  confidence: number;
  citations: string;
  result: string;
  index_version: string;
  latency_ms: number;
  created_at: number;
}

function fromRow(row: AnswerRow): StoredAnswer {
  return {
    answerId: row.id,
    claim: row.claim,
    verdict: row.verdict,
    confidence: row.confidence,
    citations: JSON.parse(row.citations) as Citation[],
    result: JSON.parse(row.result) as CheckResult,
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

/** Answers and their feedback votes. */
export function createAnswerRepository(db: Db) {
  const insert = db.prepare(`INSERT INTO chat_answers
    (id, conversation_id, channel, client_hash, claim, verdict, confidence, answer, citations,
     result, index_version, latency_ms, created_at)
    VALUES (@id, @conversation_id, @channel, @client_hash, @claim, @verdict, @confidence, @answer,
     @citations, @result, @index_version, @latency_ms, @created_at)`);
  const byId = db.prepare('SELECT * FROM chat_answers WHERE id = ?');
  const since = db.prepare(
    'SELECT * FROM chat_answers WHERE created_at >= ? ORDER BY created_at, id LIMIT ?',
  );
  const vote =
    db.prepare(`INSERT INTO chat_feedback (answer_id, client_hash, helpful, reason, created_at)
    VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (answer_id, client_hash) DO UPDATE SET helpful = excluded.helpful,
      reason = excluded.reason, created_at = excluded.created_at`);
  const counts = db.prepare(`SELECT COALESCE(SUM(helpful), 0) AS helpful,
    COALESCE(SUM(1 - helpful), 0) AS notHelpful FROM chat_feedback WHERE answer_id = ?`);
  const otherVoters = db.prepare(`SELECT COUNT(*) AS n FROM chat_feedback
    WHERE answer_id = ? AND address_hash = ? AND client_hash <> ?`);
  const tagAddress = db.prepare(
    'UPDATE chat_feedback SET address_hash = ? WHERE answer_id = ? AND client_hash = ?',
  );
  const votesSince = db.prepare(`SELECT answer_id, client_hash, helpful, reason, created_at
    FROM chat_feedback WHERE created_at >= ? ORDER BY created_at, id LIMIT ?`);

  return {
    /** Stores an answer and returns it with its new id. */
    save(input: NewAnswer): StoredAnswer {
      const row: AnswerRow = {
        id: newAnswerId(),
        conversation_id: input.conversationId ?? null,
        channel: input.channel,
        client_hash: input.clientHash ?? null,
        claim: input.result.claim,
        verdict: input.result.verdict,
        confidence: input.result.confidence,
        citations: JSON.stringify(input.result.citations),
        result: JSON.stringify(input.result),
        index_version: input.indexVersion,
        latency_ms: Math.round(input.latencyMs),
        created_at: input.createdAt ?? Date.now(),
      };
      insert.run({ ...row, answer: input.result.answer });
      return fromRow(row);
    },
    get(answerId: string): StoredAnswer | undefined {
      const row = byId.get(answerId) as AnswerRow | undefined;
      return row && fromRow(row);
    },
    /** Answers from `fromMs` on, oldest first (moderation reads claims over time with this). */
    since(fromMs: number, limit = 1000): StoredAnswer[] {
      return (since.all(fromMs, limit) as AnswerRow[]).map(fromRow);
    },
    /** Records a vote; a client voting again on the same answer replaces its vote. */
    vote(answerId: string, clientHash: string, helpful: boolean, reason: string | null): void {
      vote.run(answerId, clientHash, helpful ? 1 : 0, reason, Date.now());
    },
    /**
     * Runs `record` (which stores the client's vote) in one transaction with the per-address
     * cap: when `cap` other clients from the same hashed address voted on the answer already,
     * nothing is recorded and the result is undefined; else the vote is tagged with its address.
     */
    voteFromAddress<T>(
      vote: { answerId: string; clientHash: string; addressHash: string; cap: number },
      record: () => T,
    ): T | undefined {
      return db.transaction(() => {
        const { n } = otherVoters.get(vote.answerId, vote.addressHash, vote.clientHash) as {
          n: number;
        };
        if (n >= vote.cap) return undefined;
        const recorded = record();
        tagAddress.run(vote.addressHash, vote.answerId, vote.clientHash);
        return recorded;
      })();
    },
    votes(answerId: string): FeedbackCounts {
      return counts.get(answerId) as FeedbackCounts;
    },
    votesSince(fromMs: number, limit = 1000): FeedbackVote[] {
      const rows = votesSince.all(fromMs, limit) as {
        answer_id: string;
        client_hash: string;
        helpful: number;
        reason: string | null;
        created_at: number;
      }[];
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

export type AnswerRepository = ReturnType<typeof createAnswerRepository>;
