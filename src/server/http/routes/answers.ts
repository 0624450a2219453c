import type { Express, Request } from 'express';
import { AppError } from '../../../errors.js';
import { subjectKey } from '../../client-subject.js';
import type { ChatStore } from '../../../store/chat-store.js';
import type { HttpDeps } from '../http-deps.js';
import { validate } from '../../../validate.js';
import {
  answerIdParam,
  feedbackBody,
  type FeedbackResponse,
  type StoredAnswerResponse,
} from '../schemas.js';

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
    const id = validate(answerIdParam, raw, 'answer id');
    const answer = store.answers.get(id);
    if (!answer) throw new AppError('ANSWER_NOT_FOUND');
    return answer;
  };

  app.get('/api/v1/answers/:id', (req, res) => {
    const answer = find(req.params.id);
    const response: StoredAnswerResponse = {
      ...answer.result,
      answerId: answer.answerId,
      createdAt: new Date(answer.createdAt).toISOString(),
      indexVersion: answer.indexVersion,
      feedback: store.answers.votes(answer.answerId),
    };
    res.json(response);
  });

  app.post('/api/v1/answers/:id/feedback', (req, res) => {
    const answer = find(req.params.id);
    const body = validate(feedbackBody, req.body, 'body');
    const reason = body.reason?.trim() || null;
    const feedback = answers.vote(answer.answerId, voter(req, store), body.helpful, reason);
    const response: FeedbackResponse = { answerId: answer.answerId, feedback };
    res.status(201).json(response);
  });
}
