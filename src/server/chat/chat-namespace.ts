import type { Server } from 'socket.io';
import type { ClientTokens } from '../client-token.js';
import type { ChatNsp, ChatSocket } from './chat-socket.js';
import { createClaimHandler, type ClaimHandlerDeps } from './claim-handler.js';
import { chatHandshake } from './handshake.js';
import { createHistoryHandler } from './history-handler.js';

/** What the claim handler needs (the namespace is made here), and how to read client IPs. */
export type ChatNamespaceDeps = Omit<ClaimHandlerDeps, 'nsp'> & {
  tokens: ClientTokens;
  trustProxy: boolean;
};

/** Listeners told when a socket (re)joins a conversation, e.g. to deliver pending corrections. */
export type JoinListener = (conversationId: string, socket: ChatSocket) => void;

/**
 * Sets up the `/chat` namespace: handshake (a client without a token is sent one), `claim`,
 * `history`, and the socket gauge.
 */
export function mountChatNamespace(io: Server, deps: ChatNamespaceDeps) {
  const nsp: ChatNsp = io.of('/chat');
  const joinListeners: JoinListener[] = [];
  nsp.use(chatHandshake(deps.store, deps.tokens, deps.trustProxy));
  const onClaim = createClaimHandler({ ...deps, nsp });
  const onHistory = createHistoryHandler(deps, (conversationId, socket) => {
    for (const listener of joinListeners) listener(conversationId, socket);
  });
  nsp.on('connection', (socket) => {
    deps.metrics.connectedSockets.inc();
    const { issuedToken } = socket.data;
    if (issuedToken) socket.emit('client:token', { clientToken: issuedToken });
    socket.on('claim', onClaim(socket));
    socket.on('history', onHistory(socket));
    socket.on('disconnect', () => deps.metrics.connectedSockets.dec());
  });
  return {
    nsp,
    /** Calls `listener` whenever a socket loads a conversation's history. */
    onJoin(listener: JoinListener): void {
      joinListeners.push(listener);
    },
  };
}

export type ChatNamespace = ReturnType<typeof mountChatNamespace>;
