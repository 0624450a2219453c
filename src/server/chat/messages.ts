import { z } from 'zod';
import { AppError } from '../../errors.js';
import type { StoredAnswer, StoredReply } from '../../store/chat-store.js';

/** Conversation ids are random (the widget makes a UUID); anything else is refused. */
export const conversationIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);

const claimMessage = z.object({
  id: z.string().min(1).max(100),
  text: z.string(),
  conversationId: conversationIdSchema.optional(),
});

const historyRequest = z.object({ conversationId: conversationIdSchema });

function parse<T>(schema: z.ZodType<T>, raw: unknown, what: string): T {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue.path.length ? ` (${issue.path.join('.')}: ${issue.message})` : '';
  throw new AppError('VALIDATION_FAILED', `The ${what} does not have the expected shape${where}.`);
}

export const parseClaimMessage = (raw: unknown) => parse(claimMessage, raw, 'claim message');
export const parseHistoryRequest = (raw: unknown) => parse(historyRequest, raw, 'history request');

/** The reply stored and sent for a checked claim. */
export const replyOf = (answer: StoredAnswer): StoredReply => ({
  ...answer.result,
  answerId: answer.answerId,
});
