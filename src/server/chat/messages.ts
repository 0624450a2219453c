import { z } from 'zod';
import { validate } from '../../validate.js';
import type { StoredAnswer, StoredReply } from '../../store/store.js';

/** Conversation ids are random (the widget makes a UUID); anything else is refused. */
export const conversationIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);

const claimMessage = z
  .object({
    id: z.string().min(1).max(100),
    text: z.string().optional(),
    /** A screenshot, as a binary attachment (Socket.IO hands it over as a Buffer). */
    image: z.instanceof(Buffer, { message: 'must be a binary attachment' }).optional(),
    conversationId: conversationIdSchema.optional(),
  })
  .refine((m) => m.text !== undefined || m.image !== undefined, 'text or image is required');

const historyRequest = z.object({ conversationId: conversationIdSchema });

export const parseClaimMessage = (raw: unknown) => validate(claimMessage, raw, 'claim message');
export const parseHistoryRequest = (raw: unknown) =>
  validate(historyRequest, raw, 'history request');

/** The reply stored and sent for a checked claim. */
export const replyOf = (answer: StoredAnswer): StoredReply => ({
  ...answer.result,
  answerId: answer.answerId,
});
