import { io, type Socket } from 'socket.io-client';
import type {
  AnswerErrorEvent,
  AnswerEvent,
  AnswerUpdatedEvent,
  ClaimMessage,
  ClientToServerEvents,
  ErrorPayload,
  HistoryItem,
  ProgressEvent,
  ServerToClientEvents,
} from '../../../src/server/events.js';
import { randomId } from './dom.js';

export interface SessionHandlers {
  history(messages: HistoryItem[]): void;
  answer(answer: AnswerEvent): void;
  progress(progress: ProgressEvent): void;
  failed(messageId: string, failure: ErrorPayload['error']): void;
  updated(update: AnswerUpdatedEvent): void;
  connection(isOnline: boolean): void;
}

const KEY = {
  client: 'factcheck:client',
  conversation: 'factcheck:conversation',
  outbox: 'factcheck:outbox',
};
/** How long a claim waits for its acknowledgement before it is sent again. */
const ACK_TIMEOUT_MS = 10_000;

function stored(key: string, make: () => string): string {
  try {
    const value = localStorage.getItem(key);
    if (value) return value;
    const made = make();
    localStorage.setItem(key, made);
    return made;
  } catch {
    return make(); // Storage may be blocked (private mode, sandboxed iframes).
  }
}

/**
 * The chat connection: keeps the conversation id and the unacknowledged messages in
 * localStorage, reloads history after a reconnect that lost state, and resends what the server
 * has not acknowledged (the server answers a message id once, so resending is safe).
 */
export function createSession(server: string, handlers: SessionHandlers) {
  const clientId = stored(KEY.client, randomId);
  const conversationId = stored(KEY.conversation, randomId);
  const outbox = new Map<string, ClaimMessage>();
  try {
    for (const m of JSON.parse(localStorage.getItem(KEY.outbox) ?? '[]') as ClaimMessage[]) {
      if (m.conversationId === conversationId) outbox.set(m.id, m);
    }
  } catch {
    // A corrupt outbox is dropped.
  }
  const persist = () => {
    try {
      // Screenshots stay in memory: after a reload a message is resent with its (read) text.
      const messages = [...outbox.values()].map(({ image: _image, ...text }) => text);
      localStorage.setItem(KEY.outbox, JSON.stringify(messages));
    } catch {
      // Not persisted: the messages are still resent while the page stays open.
    }
  };

  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(`${server}/chat`, {
    auth: { clientId },
  });

  const emitClaim = (message: ClaimMessage) => {
    socket.timeout(ACK_TIMEOUT_MS).emit('claim', message, (timeout, ack) => {
      if (timeout) {
        if (socket.connected && outbox.has(message.id)) emitClaim(message);
        return;
      }
      outbox.delete(message.id);
      persist();
      if (!ack.ok) handlers.failed(message.id, ack.error);
    });
  };

  socket.on('connect', () => {
    handlers.connection(true);
    const flush = () => outbox.forEach(emitClaim);
    if (socket.recovered) return flush();
    socket.emit('history', { conversationId }, (result) => {
      if (result.ok) handlers.history(result.messages);
      flush();
    });
  });
  socket.on('disconnect', () => handlers.connection(false));
  socket.on('answer', (answer) => {
    outbox.delete(answer.inReplyTo);
    persist();
    handlers.answer(answer);
  });
  socket.on('answer:progress', handlers.progress);
  socket.on('answer:error', (e: AnswerErrorEvent) => handlers.failed(e.inReplyTo, e.error));
  socket.on('answer:updated', handlers.updated);

  return {
    clientId,
    conversationId,
    /** Messages sent but not acknowledged yet (shown as pending after a reload). */
    pending: () => [...outbox.values()].map((m) => ({ id: m.id, text: m.text ?? '' })),
    /** Sends a message (with the screenshot it was read from, if any); returns its id. */
    send(text: string, image?: ArrayBuffer): string {
      const message: ClaimMessage = {
        id: randomId(),
        text,
        conversationId,
        ...(image && { image }),
      };
      outbox.set(message.id, message);
      persist();
      if (socket.connected) emitClaim(message);
      return message.id;
    },
  };
}

export type Session = ReturnType<typeof createSession>;
