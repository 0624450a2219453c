import type { Logger } from '../../logger.js';
import type { Store } from '../../store/store.js';
import type { HistoryAck, HistoryItem } from '../events.js';
import type { Metrics } from '../metrics.js';
import type { RateLimits } from '../rate-limits.js';
import { socketRefusal } from '../socket-errors.js';
import type { ChatSocket } from './chat-socket.js';
import { assertOwnConversation, followConversation } from './conversation-access.js';
import { parseHistoryRequest } from './messages.js';

/** How many recent messages a conversation's history returns. */
const HISTORY_LIMIT = 200;

/** Rooms of conversations (a socket is also in a room of its own id). */

/**
 * Handles `history`: joins the conversation's room and returns its messages with their answers.
 * Calls per socket are rate-limited and the conversations one socket follows are capped, so
 * that a socket cannot join rooms without end.
 */
export function createHistoryHandler(
  deps: { store: Store; logger: Logger; metrics: Metrics; limits: RateLimits },
  onJoin: (conversationId: string, socket: ChatSocket) => void,
) {
  return (socket: ChatSocket) =>
    async (raw: unknown, ack?: (result: HistoryAck) => void): Promise<void> => {
      const reply = typeof ack === 'function' ? ack : () => undefined;
      try {
        const { conversationId } = parseHistoryRequest(raw);
        await deps.limits.history(socket.id);
        // Only its owner may read a conversation or join its room (and so get its live answers).
        await assertOwnConversation(deps.store, socket.data, conversationId);
        await followConversation(socket, conversationId, deps.limits.conversationsPerSocket);
        socket.data.defaultConversationId ??= conversationId;
        const stored = await deps.store.conversations.history(conversationId, HISTORY_LIMIT);
        const messages: HistoryItem[] = stored.map((m) => ({
          id: m.id,
          text: m.text,
          createdAt: m.createdAt,
          answer: m.reply && { ...m.reply, inReplyTo: m.id, conversationId },
        }));
        reply({ ok: true, conversationId, messages });
        onJoin(conversationId, socket);
      } catch (err) {
        reply(socketRefusal(err, deps));
      }
    };
}
