import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { RedisConnection } from './redis-connection.js';

/**
 * Socket.IO's adapter over a Redis stream: a broadcast to a room (or a whole namespace) reaches
 * the sockets of every node, `fetchSockets` and `disconnectSockets` span the nodes too, and the
 * sessions of connection state recovery are kept in Redis, so a client that drops and comes
 * back through another node still gets the answers it missed.
 */
export function redisSocketAdapter(redis: RedisConnection): ReturnType<typeof createAdapter> {
  return createAdapter(redis.client, {
    streamName: `${redis.prefix}socket.io`,
    channelPrefix: `${redis.prefix}socket.io`,
    sessionKeyPrefix: `${redis.prefix}sio:session:`,
  });
}
