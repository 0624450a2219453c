import { io as connect } from 'socket.io-client';
import type { ClientTokenEvent } from '../../src/server/events.js';
import { connected, nextEvent, type ChatClient } from './test-server.js';

/** Resolves with the client token the server sends `socket` (one that came without a token). */
export const issuedToken = async (socket: ChatClient): Promise<string> =>
  (await nextEvent<ClientTokenEvent>(socket, 'client:token')).clientToken;

/**
 * A new client's token, as a browser gets it: a /chat connection without credentials, closed
 * once the server has sent the token (for REST calls made as that client).
 */
export async function newClientToken(url: string): Promise<string> {
  const socket: ChatClient = connect(`${url}/chat`, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  try {
    const token = issuedToken(socket);
    await connected(socket);
    return await token;
  } finally {
    socket.disconnect();
  }
}
