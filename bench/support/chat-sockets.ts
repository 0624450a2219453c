import { io as connect, type Socket } from 'socket.io-client';
import type {
  AnswerEvent,
  ClaimAck,
  ClientToServerEvents,
  ServerToClientEvents,
} from '../../src/server/events.js';

/** A widget's connection to /chat, as the benchmarks open it. */
export type ChatSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * Opens `n` /chat sockets spread round-robin over `urls`, in batches of 100: a thousand
 * handshakes at once would measure the connect storm, not the answers.
 */
export async function openSockets(urls: readonly string[], n: number): Promise<ChatSocket[]> {
  const sockets: ChatSocket[] = [];
  for (let start = 0; start < n; start += 100) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(100, n - start) }, (_, k) => {
        const s: ChatSocket = connect(`${urls[(start + k) % urls.length]!}/chat`, {
          transports: ['websocket'],
          reconnection: false,
          forceNew: true,
        });
        return new Promise<ChatSocket>((resolve, reject) => {
          s.once('connect', () => resolve(s));
          s.once('connect_error', reject);
        });
      }),
    );
    sockets.push(...batch);
  }
  return sockets;
}

/** One claim over a socket: resolves with its answer, rejects with a refusal's or error's code. */
export function askSocket(s: ChatSocket, id: string, text: string): Promise<AnswerEvent> {
  return new Promise((resolve, reject) => {
    const done = (fn: () => void) => {
      s.off('answer', onAnswer);
      s.off('answer:error', onError);
      fn();
    };
    const onAnswer = (a: AnswerEvent) => a.inReplyTo === id && done(() => resolve(a));
    const onError = (e: { inReplyTo: string; error: { code: string } }) =>
      e.inReplyTo === id && done(() => reject(new Error(e.error.code)));
    s.on('answer', onAnswer);
    s.on('answer:error', onError);
    s.emit('claim', { id, text }, (ack: ClaimAck) => {
      if (!ack.ok) done(() => reject(new Error(ack.error.code)));
    });
  });
}
