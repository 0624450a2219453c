/**
 * The `/chat` Socket.IO contract, shared by the server and the widget (type-only imports), so
 * every `emit` and `on` on both sides is checked by the compiler.
 */
import type { CheckStage } from '../verdict/checker-types.js';
import type { CheckResult, Verdict } from '../types.js';
import type { ErrorCode } from '../errors.js';

export interface ClaimMessage {
  /** The client's message id; sending the same id twice gives one answer. */
  id: string;
  text: string;
  conversationId?: string;
}

export interface ErrorPayload {
  error: { code: ErrorCode; message: string };
}

export type ClaimAck =
  { ok: true; conversationId: string; duplicate?: boolean } | ({ ok: false } & ErrorPayload);

/** What a follow-up ("why?", "sources?", "more") asked for. */
export type FollowUpKind = 'why' | 'sources' | 'more';

/** An answer to one message: the check result (or its expansion) and the stored answer's id. */
export type AnswerEvent = CheckResult & {
  inReplyTo: string;
  answerId: string;
  conversationId: string;
  /** Set when this expands an earlier answer instead of checking a new claim. */
  followUp?: FollowUpKind;
};

export interface ProgressEvent {
  inReplyTo: string;
  conversationId: string;
  stage: CheckStage;
}

/** A message that was accepted but could not be answered (the check failed). */
export type AnswerErrorEvent = { inReplyTo: string; conversationId: string } & ErrorPayload;

/** A person reviewed the rumor behind an earlier answer and the verdict changed. */
export interface AnswerUpdatedEvent {
  answerId: string;
  conversationId: string;
  verdict: Verdict;
  answer: string;
  citations: CheckResult['citations'];
  [extra: string]: unknown;
}

/** One exchange of the conversation's history, oldest first. */
export interface HistoryItem {
  id: string;
  text: string;
  createdAt: number;
  answer: AnswerEvent | null;
}

export type HistoryAck =
  { ok: true; conversationId: string; messages: HistoryItem[] } | ({ ok: false } & ErrorPayload);

/** The client token the server issued a socket that came without one: present it from then on. */
export interface ClientTokenEvent {
  clientToken: string;
}

export interface ServerToClientEvents {
  'client:token': (grant: ClientTokenEvent) => void;
  answer: (answer: AnswerEvent) => void;
  'answer:progress': (progress: ProgressEvent) => void;
  'answer:error': (failure: AnswerErrorEvent) => void;
  'answer:updated': (update: AnswerUpdatedEvent) => void;
}

export interface ClientToServerEvents {
  claim: (message: ClaimMessage, ack: (result: ClaimAck) => void) => void;
  /** Joins the conversation's room and returns its messages (the widget calls it on connect). */
  history: (request: { conversationId: string }, ack: (result: HistoryAck) => void) => void;
}

/** Set by the handshake middleware; survives connection state recovery. */
export interface ChatSocketData {
  /** The hashed client owning the conversations this socket creates (see handshake.ts). */
  clientHash: string;
  /** A token issued in this socket's handshake, sent to it on connection. */
  issuedToken?: string;
  /** Rate limits count per API key when the socket presented one, else per address. */
  ip: string;
  apiKeyId?: number;
  /** The conversation used when a claim names none. */
  defaultConversationId?: string;
}

/** The room every socket of a conversation joins; answers are emitted to it. */
export const conversationRoom = (conversationId: string): string =>
  `conversation:${conversationId}`;
