import type { Express } from 'express';
import { subjectKey } from '../../client-subject.js';
import type { HttpDeps } from '../http-deps.js';
import { validate } from '../../../validate.js';
import { checkBody, type CheckResponse } from '../schemas.js';

/** `POST /api/v1/check`: the check result plus the stored answer's id. */
export function checkRoutes(app: Express, { answers, store }: HttpDeps): void {
  app.post('/api/v1/check', async (req, res) => {
    const { claim } = validate(checkBody, req.body, 'body');
    const caller = req.caller;
    const stored = await answers.answer({
      claim,
      origin:
        caller.kind === 'key' ? { kind: 'rest', apiKey: caller.apiKeyName } : { kind: 'rest' },
      clientHash: store.clientHash(subjectKey(caller)),
    });
    const response: CheckResponse = { ...stored.result, answerId: stored.answerId };
    res.json(response);
  });
}
