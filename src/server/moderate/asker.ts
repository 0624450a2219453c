import type { Asker } from '../../store/moderation-clusters.js';

/** Where a claim came from, as the chat service's answer hooks describe it. */
export interface AnswerOriginLike {
  channel: string;
  [detail: string]: unknown;
}

/** The asker to correct later, read from an answer's origin (undefined: nobody to reach). */
export function askerOf(origin: AnswerOriginLike): Asker | undefined {
  const o = origin as Record<string, unknown>;
  switch (origin.channel) {
    case 'widget':
      return typeof o.conversationId === 'string'
        ? { kind: 'widget', conversationId: o.conversationId }
        : undefined;
    case 'telegram':
      return typeof o.chatId === 'number' && typeof o.messageId === 'number'
        ? { kind: 'telegram', chatId: o.chatId, messageId: o.messageId }
        : undefined;
    case 'webhook':
      return typeof o.botId === 'number'
        ? { kind: 'webhook', botId: o.botId, ...(typeof o.ref === 'string' ? { ref: o.ref } : {}) }
        : undefined;
    default:
      return { kind: 'rest' };
  }
}

/** The answer origin a bot's claim carries, so that `askerOf` finds the asker again. */
export function originOf(asker: Asker): AnswerOriginLike {
  const { kind, ...detail } = asker;
  return { channel: kind, ...detail };
}
