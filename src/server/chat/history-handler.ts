import type { Logger } from '../../logger.js';
import type { ChatStore } from '../../store/chat-store.js';
import { conversationRoom, type HistoryAck, type HistoryItem } from '../events.js';
import type { Metrics } from '../metrics.js';
import { socketRefusal } from '../socket-errors.js';
import type { ChatSocket } from './chat-socket.js';
import { assertOwnConversation } from './conversation-access.js';
import { parseHistoryRequest } from './messages.js';

/** How many recent messages a conversation's history returns. */
const HISTORY_LIMIT = 200;

/** Handles `history`: joins the conversation's room and returns its messages with their answers. */
export function createHistoryHandler(
  deps: { store: ChatStore; logger: Logger; metrics: Metrics },
  onJoin: (conversationId: string, socket: ChatSocket) => void,
) {
  return (socket: ChatSocket) =>
    async (raw: unknown, ack?: (result: HistoryAck) => void): Promise<void> => {
      const reply = typeof ack === 'function' ? ack : () => undefined;
      try {
        const { conversationId } = parseHistoryRequest(raw);
        // Only its owner may read a conversation or join its room (and so get its live answers).
        assertOwnConversation(deps.store, socket.data, conversationId);
        await socket.join(conversationRoom(conversationId));
        socket.data.defaultConversationId ??= conversationId;
        const messages: HistoryItem[] = deps.store.conversations
          .history(conversationId, HISTORY_LIMIT)
          .map((m) => ({
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
