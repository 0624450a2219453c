import { AppError } from '../../errors.js';
import type { ChatStore } from '../../store/chat-store.js';
import { subjectKey } from '../client-subject.js';
import type { ChatSocketData } from '../events.js';

/**
 * Whether the socket's client owns a conversation stored under `owner`: its own client, or its
 * address for a conversation that a script without credentials began before clients were
 * issued tokens (those were stored under the address; no conversation is any more).
 */
function isOwner(store: ChatStore, data: ChatSocketData, owner: string | null | undefined) {
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
export function assertOwnConversation(
  store: ChatStore,
  data: ChatSocketData,
  conversationId: string,
): void {
  if (!isOwner(store, data, store.conversations.owner(conversationId))) throw forbidden();
}

/** Creates the conversation for the socket's client when new, else refuses unless it is theirs. */
export function openOwnConversation(
  store: ChatStore,
  data: ChatSocketData,
  conversationId: string,
): void {
  // Checked before it is touched, and again on what the upsert found (it sets no owner twice).
  const existing = store.conversations.owner(conversationId);
  if (existing !== undefined && !isOwner(store, data, existing)) throw forbidden();
  if (!isOwner(store, data, store.conversations.ensure(conversationId, data.clientHash)))
    throw forbidden();
}
