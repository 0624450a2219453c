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
  /** The server-issued client token: it owns the conversation (see README, "Client identity"). */
  token: 'factcheck:token',
  /** The widget's own random id from before tokens; sent once to be exchanged for a token. */
  legacyClient: 'factcheck:client',
  conversation: 'factcheck:conversation',
  outbox: 'factcheck:outbox',
};
/** How long a claim waits for its acknowledgement before it is sent again. */
const ACK_TIMEOUT_MS = 10_000;

function read(key: string): string | undefined {
  try {
    return localStorage.getItem(key) ?? undefined;
  } catch {
    return undefined; // Storage may be blocked (private mode, sandboxed iframes).
  }
}

function write(key: string, value: string | undefined): void {
  try {
    if (value === undefined) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // Not persisted: it is kept for as long as the page stays open.
  }
}

function stored(key: string, make: () => string): string {
  const value = read(key) ?? make();
  write(key, value);
  return value;
}

/**
 * The chat connection: keeps the client token, the conversation id and the unacknowledged
 * messages in localStorage, reloads history after a reconnect that lost state, and resends what
 * the server has not acknowledged (the server answers a message id once, so resending is safe).
 * The token lives in localStorage rather than a cookie because the widget usually runs on other
 * sites' pages, where browsers block third-party cookies; and a cookie would not keep a host
 * page's scripts out anyway, since they can drive the widget itself.
 */
export function createSession(server: string, handlers: SessionHandlers) {
  let clientToken = read(KEY.token);
  let conversationId = stored(KEY.conversation, randomId);
  const outbox = new Map<string, ClaimMessage>();
  try {
    for (const m of JSON.parse(read(KEY.outbox) ?? '[]') as ClaimMessage[]) {
      if (m.conversationId === conversationId) outbox.set(m.id, m);
    }
  } catch {
    // A corrupt outbox is dropped.
  }
  // When storage is blocked the messages are still resent while the page stays open.
  const persist = () => write(KEY.outbox, JSON.stringify([...outbox.values()]));

  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(`${server}/chat`, {
    // Asked again on every (re)connection, so the newest token is sent.
    auth: (send) => {
      const legacyId = read(KEY.legacyClient);
      send(clientToken ? { clientToken } : legacyId ? { clientId: legacyId } : {});
    },
  });
  socket.on('client:token', (grant) => {
    clientToken = grant.clientToken;
    write(KEY.token, clientToken);
    write(KEY.legacyClient, undefined);
  });
  socket.on('connect_error', (err: Error & { data?: { code?: string } }) => {
    // A token the server no longer accepts (its key changed): start over as a new client.
    if (err.data?.code !== 'CLIENT_TOKEN_INVALID' || !clientToken) return;
    clientToken = undefined;
    write(KEY.token, undefined);
    socket.connect();
  });

  /** Moves to a new conversation (the stored one is not this client's), taking unsent messages. */
  const startConversation = () => {
    conversationId = randomId();
    write(KEY.conversation, conversationId);
    for (const m of outbox.values()) m.conversationId = conversationId;
    persist();
  };

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

  /** Whether messages go out now: connected, and the conversation settled by its history. */
  let isReady = false;
  socket.on('connect', () => {
    handlers.connection(true);
    const flush = () => {
      isReady = true;
      outbox.forEach(emitClaim);
    };
    if (socket.recovered) return flush();
    socket.emit('history', { conversationId }, (result) => {
      if (result.ok) handlers.history(result.messages);
      // Not yet begun, or begun by a client this one no longer is: the next message starts one.
      else if (result.error.code === 'CONVERSATION_FORBIDDEN') startConversation();
      flush();
    });
  });
  socket.on('disconnect', () => {
    isReady = false;
    handlers.connection(false);
  });
  socket.on('answer', (answer) => {
    outbox.delete(answer.inReplyTo);
    persist();
    handlers.answer(answer);
  });
  socket.on('answer:progress', handlers.progress);
  socket.on('answer:error', (e: AnswerErrorEvent) => handlers.failed(e.inReplyTo, e.error));
  socket.on('answer:updated', handlers.updated);

  return {
    /** The token to show the REST API (votes), once the server has issued one. */
    get clientToken(): string | undefined {
      return clientToken;
    },
    /** Messages sent but not acknowledged yet (shown as pending after a reload). */
    pending: () => [...outbox.values()],
    /** Sends a message; returns its id. */
    send(text: string): string {
      const message: ClaimMessage = { id: randomId(), text, conversationId };
      outbox.set(message.id, message);
      persist();
      if (socket.connected && isReady) emitClaim(message);
      return message.id;
    },
  };
}

export type Session = ReturnType<typeof createSession>;
