import { randomUUID } from 'node:crypto';
import { AppError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type { Store, StoredReply } from '../../store/store.js';
import type { Admission, AnswerService } from '../answer-service.js';
import type { CheckerGate } from '../checker-gate.js';
import type { ImageClaims, ReadClaim } from '../image-claims.js';
import type { CheckStage } from '../../verdict/checker-types.js';
import { conversationRoom, type ClaimAck, type FollowUpKind } from '../events.js';
import type { Metrics } from '../metrics.js';
import type { RateLimits } from '../rate-limits.js';
import { socketRefusal } from '../socket-errors.js';
import type { ChatNsp, ChatSocket } from './chat-socket.js';
import { followConversation, openOwnConversation } from './conversation-access.js';
import { expandAnswer, uncitedPassages } from './expand-answer.js';
import { detectFollowUp, isChinese } from './follow-up.js';
import { socketSubject } from './handshake.js';
import { parseClaimMessage, replyOf } from './messages.js';

export interface ClaimHandlerDeps {
  nsp: ChatNsp;
  answers: AnswerService;
  imageClaims: ImageClaims;
  gate: CheckerGate;
  store: Store;
  limits: RateLimits;
  metrics: Metrics;
  logger: Logger;
}

/** Passages a "more" follow-up adds at most. */
const MORE_PASSAGES = 3;

/**
 * Handles `claim`: validates, acknowledges, then answers into the conversation's room (so that
 * connection state recovery replays an answer a briefly disconnected client missed). A message
 * id seen before is acknowledged again but checked once: its stored answer is sent again.
 */
export function createClaimHandler(deps: ClaimHandlerDeps) {
  const { nsp, store } = deps;
  /** Messages being answered by this process, by conversation and message id. */
  const pending = new Set<string>();

  async function expand(kind: FollowUpKind, conversationId: string, text: string) {
    const last = await store.conversations.lastAnsweredClaim(conversationId);
    if (!last?.reply) throw new AppError('NOTHING_TO_EXPAND');
    const previous = last.reply;
    const hits =
      kind === 'more' ? await deps.gate.current().search(previous.claim, MORE_PASSAGES * 3) : [];
    const expanded = expandAnswer(
      kind,
      previous,
      isChinese(text) ? 'zh' : 'en',
      uncitedPassages(previous.citations, hits, MORE_PASSAGES),
    );
    return { ...expanded, answerId: previous.answerId, followUp: kind };
  }

  async function respond(
    socket: ChatSocket,
    conversationId: string,
    messageId: string,
    text: string,
    followUp: FollowUpKind | undefined,
    admission: Admission,
    shot?: ReadClaim,
  ): Promise<void> {
    const room = nsp.to(conversationRoom(conversationId));
    const key = `${conversationId}\u0000${messageId}`;
    pending.add(key);
    try {
      let reply: StoredReply & { followUp?: FollowUpKind };
      if (followUp) {
        reply = await deps.answers.track(expand(followUp, conversationId, text));
      } else {
        const request = {
          claim: text,
          origin: { kind: 'widget', conversationId } as const,
          clientHash: socket.data.clientHash,
          onProgress: (stage: CheckStage) =>
            room.emit('answer:progress', { inReplyTo: messageId, conversationId, stage }),
        };
        reply = replyOf(
          shot
            ? (await deps.imageClaims.answerRead(shot, request)).stored
            : await deps.answers.answer(request, admission),
        );
      }
      await store.conversations.complete(conversationId, messageId, reply);
      room.emit('answer', { ...reply, inReplyTo: messageId, conversationId });
    } catch (err) {
      const { error } = socketRefusal(err, deps, { conversationId, messageId });
      room.emit('answer:error', { inReplyTo: messageId, conversationId, error });
    } finally {
      pending.delete(key);
    }
  }

  return (socket: ChatSocket) =>
    async (raw: unknown, ack?: (result: ClaimAck) => void): Promise<void> => {
      const reply = typeof ack === 'function' ? ack : () => undefined;
      try {
        const message = parseClaimMessage(raw);
        await deps.limits.claim(socketSubject(socket.data));
        // A screenshot is read before the ack, so that its refusals (IMAGE_*) come in the ack.
        const shot = message.image
          ? await deps.imageClaims.readClaim(message.image, message.text)
          : undefined;
        const text = shot?.claim ?? message.text ?? '';
        const followUp = shot ? undefined : detectFollowUp(text);
        const admission =
          shot?.admission ??
          deps.answers.admit(text, { needsIndex: !followUp, subject: socket.data.clientHash });
        const conversationId =
          message.conversationId ?? (socket.data.defaultConversationId ??= randomUUID());
        // Posting, follow-ups included, is for the conversation's owner (or starts a new one).
        await openOwnConversation(store, socket.data, conversationId);
        if (followUp && !(await store.conversations.lastAnsweredClaim(conversationId))) {
          throw new AppError('NOTHING_TO_EXPAND');
        }
        await followConversation(socket, conversationId, deps.limits.conversationsPerSocket);
        const { isNew, message: stored } = await store.conversations.add(
          conversationId,
          message.id,
          text,
          followUp ? 'follow-up' : 'claim',
        );
        const isBeingAnswered = pending.has(`${conversationId}\u0000${message.id}`);
        if (!isNew && (stored.reply || isBeingAnswered)) {
          reply({ ok: true, conversationId, duplicate: true });
          // A resend usually means the client missed the answer: give it the same answer again.
          if (stored.reply) {
            socket.emit('answer', { ...stored.reply, inReplyTo: message.id, conversationId });
          }
          return;
        }
        reply(isNew ? { ok: true, conversationId } : { ok: true, conversationId, duplicate: true });
        // A known message without a reply was cut off (e.g. by a restart): answer it now.
        void respond(socket, conversationId, message.id, stored.text, followUp, admission, shot);
      } catch (err) {
        reply(socketRefusal(err, deps));
      }
    };
}
