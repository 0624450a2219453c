import type { Express, Request } from 'express';
import { z } from 'zod';
import { AppError } from '../../../errors.js';
import { hasControlCharacters } from '../../claim-input.js';
import { subjectKey } from '../../client-subject.js';
import type { ChatStore } from '../../../store/chat-store.js';
import type { HttpDeps } from '../http-deps.js';
import { validate } from '../../../validate.js';

const answerId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const feedbackBody = z.object({
  helpful: z.boolean(),
  reason: z
    .string()
    .max(1000)
    .refine((r) => !hasControlCharacters(r), 'must not contain control characters')
    .optional(),
});

/** A voter's hashed id: the widget's browser id when sent, else the API key or the address. */
function voter(req: Request, store: ChatStore): string {
  const clientId = req.get('x-client-id');
  if (clientId && /^[A-Za-z0-9_-]{8,100}$/.test(clientId))
    return store.clientHash(subjectKey({ kind: 'widget', clientId }));
  return store.clientHash(subjectKey(req.caller));
}

/** `GET /api/v1/answers/:id` and its feedback votes. */
export function answerRoutes(app: Express, { store, answers }: HttpDeps): void {
  const find = (raw: string) => {
    const id = validate(answerId, raw, 'answer id');
    const answer = store.answers.get(id);
    if (!answer) throw new AppError('ANSWER_NOT_FOUND');
    return answer;
  };

  app.get('/api/v1/answers/:id', (req, res) => {
    const answer = find(req.params.id);
    res.json({
      ...answer.result,
      answerId: answer.answerId,
      createdAt: new Date(answer.createdAt).toISOString(),
      indexVersion: answer.indexVersion,
      feedback: store.answers.votes(answer.answerId),
    });
  });

  app.post('/api/v1/answers/:id/feedback', (req, res) => {
    const answer = find(req.params.id);
    const body = validate(feedbackBody, req.body, 'body');
    const reason = body.reason?.trim() || null;
    const feedback = answers.vote(answer.answerId, voter(req, store), body.helpful, reason);
    res.status(201).json({ answerId: answer.answerId, feedback });
  });
}
