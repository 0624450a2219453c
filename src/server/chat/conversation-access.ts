import { AppError } from '../../errors.js';
import type { Store } from '../../store/store.js';
import { subjectKey } from '../client-subject.js';
import { conversationRoom, type ChatSocketData } from '../events.js';
import type { ChatSocket } from './chat-socket.js';

/**
 * Whether the socket's client owns a conversation stored under `owner`: its own client, or its
 * address for a conversation that a script without credentials began before clients were
 * issued tokens (those were stored under the address; no conversation is any more).
 */
function isOwner(store: Store, data: ChatSocketData, owner: string | null | undefined) {
  if (owner === undefined || owner === null) return false;
  return (
    owner === data.clientHash || owner === store.clientHash(subjectKey({ kind: 'ip', ip: data.ip }))
  );
}

/**
 * The one refusal for a conversation that is not the socket's: the same whether it belongs to
 * someone else or does not exist, so an id alone tells nothing.
 */
const forbidden = () => new AppError('CONVERSATION_FORBIDDEN');

/** Refuses unless the conversation exists and is the socket's (reading its history, its room). */
export async function assertOwnConversation(
  store: Store,
  data: ChatSocketData,
  conversationId: string,
): Promise<void> {
  if (!isOwner(store, data, await store.conversations.owner(conversationId))) throw forbidden();
}

/** Creates the conversation for the socket's client when new, else refuses unless it is theirs. */
export async function openOwnConversation(
  store: Store,
  data: ChatSocketData,
  conversationId: string,
): Promise<void> {
  // Checked before it is touched, and again on what the upsert found (it sets no owner twice).
  const existing = await store.conversations.owner(conversationId);
  if (existing !== undefined && !isOwner(store, data, existing)) throw forbidden();
  if (!isOwner(store, data, await store.conversations.ensure(conversationId, data.clientHash)))
    throw forbidden();
}

const CONVERSATION_ROOM_PREFIX = conversationRoom('');

/**
 * Joins the conversation's room (its live answers), unless the socket already follows as many
 * conversations as allowed: `history` and posting both follow one, so both are capped here.
 */
export async function followConversation(
  socket: ChatSocket,
  conversationId: string,
  maxFollowed: number,
): Promise<void> {
  const room = conversationRoom(conversationId);
  const following = [...socket.rooms].filter((r) => r.startsWith(CONVERSATION_ROOM_PREFIX));
  if (!socket.rooms.has(room) && following.length >= maxFollowed)
    throw new AppError('TOO_MANY_CONVERSATIONS');
  await socket.join(room);
}
