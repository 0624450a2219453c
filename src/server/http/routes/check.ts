import type { Express, Request, Response } from 'express';
import { subjectKey } from '../../client-subject.js';
import type { HttpDeps } from '../http-deps.js';
import { isMultipart, readImageForm } from '../image-form.js';
import { validate } from '../../../validate.js';
import { checkBody, checkImageForm, type CheckResponse } from '../schemas.js';
import type { Origin } from '../../../types.js';

const originOf = (req: Request): Origin =>
  req.caller.kind === 'key' ? { kind: 'rest', apiKey: req.caller.apiKeyName } : { kind: 'rest' };

/** `POST /api/v1/check`: the check result plus the stored answer's id. */
export function checkRoutes(app: Express, { answers, store }: HttpDeps): void {
  app.post('/api/v1/check', async (req, res) => {
    const { claim } = validate(checkBody, req.body, 'body');
    const caller = req.caller;
    const stored = await answers.answer({
      claim,
      origin: originOf(req),
      clientHash: store.clientHash(subjectKey(caller)),
    });
    const response: CheckResponse = { ...stored.result, answerId: stored.answerId };
    res.json(response);
  });
}

/**
 * `POST /api/v1/check` with a multipart/form-data body: a screenshot (`image`) and optionally
 * the claim typed beside it; the result carries `ocr`. Mounted before the JSON parser: any
 * other body passes on to `checkRoutes`.
 */
export function imageCheckRoutes(app: Express, { config, imageClaims, store }: HttpDeps): void {
  const readForm = (req: Request, res: Response) =>
    readImageForm(req, res, {
      maxImageBytes: imageClaims.maxBytes,
      maxFieldLength: config.MAX_CLAIM_LENGTH,
      fieldNames: ['claim'],
    });
  app.post('/api/v1/check', async (req, res, next) => {
    if (!isMultipart(req)) return next();
    const parts = await readForm(req, res);
    const { image, claim } = validate(
      checkImageForm,
      { ...parts.fields, image: parts.image },
      'form',
    );
    const { stored, result } = await imageClaims.answer({
      image,
      ...(claim !== undefined ? { claim } : {}),
      origin: originOf(req),
      clientHash: store.clientHash(subjectKey(req.caller)),
    });
    const response: CheckResponse = { ...result, answerId: stored.answerId };
    res.json(response);
  });
}
