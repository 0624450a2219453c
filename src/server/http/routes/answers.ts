import type { Express, Request } from 'express';
import { AppError } from '../../../errors.js';
import { subjectKey, type ClientSubject } from '../../client-subject.js';
import type { Store } from '../../../store/store.js';
import type { HttpDeps } from '../http-deps.js';
import { validate } from '../../../validate.js';
import {
  answerIdParam,
  feedbackBody,
  type FeedbackResponse,
  type StoredAnswerResponse,
} from '../schemas.js';

/**
 * Who votes, hashed: the client of a server-issued token, else the API key, else the address; and
 * the address it votes from (for the cap on voters per address). A client's own X-Client-Id
 * is not an identity: anyone can make up new ones.
 */
function voter(req: Request, store: Store): { clientHash: string; addressHash: string } {
  const address: ClientSubject = {
    kind: 'ip',
    ip: req.ip ?? req.socket.remoteAddress ?? 'unknown',
  };
  const who: ClientSubject =
    req.clientId !== undefined ? { kind: 'widget', clientId: req.clientId } : req.caller;
  return {
    clientHash: store.clientHash(subjectKey(who)),
    addressHash: store.clientHash(subjectKey(address)),
  };
}

/** `GET /api/v1/answers/:id` and its feedback votes. */
export function answerRoutes(app: Express, { config, store, answers }: HttpDeps): void {
  const find = async (raw: string) => {
    const id = validate(answerIdParam, raw, 'answer id');
    const answer = await store.answers.get(id);
    if (!answer) throw new AppError('ANSWER_NOT_FOUND');
    return answer;
  };

  app.get('/api/v1/answers/:id', async (req, res) => {
    const answer = await find(req.params.id);
    const response: StoredAnswerResponse = {
      ...answer.result,
      answerId: answer.answerId,
      createdAt: new Date(answer.createdAt).toISOString(),
      indexVersion: answer.indexVersion,
      feedback: await store.answers.votes(answer.answerId),
    };
    res.json(response);
  });

  app.post('/api/v1/answers/:id/feedback', async (req, res) => {
    const answer = await find(req.params.id);
    const body = validate(feedbackBody, req.body, 'body');
    const reason = body.reason?.trim() || null;
    const { clientHash, addressHash } = voter(req, store);
    const feedback = await answers.vote({
      answerId: answer.answerId,
      clientHash,
      addressHash,
      helpful: body.helpful,
      reason,
      cap: config.VOTE_VOTERS_PER_ADDRESS,
    });
    if (!feedback) throw new AppError('VOTE_LIMIT_REACHED');
    const response: FeedbackResponse = { answerId: answer.answerId, feedback };
    res.status(201).json(response);
  });
}
