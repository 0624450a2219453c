import type { Express } from 'express';
import { AppError } from '../../../errors.js';
import type { HttpDeps } from '../http-deps.js';
import { validate } from '../../../validate.js';
import { docIdParam, spanQuery } from '../schemas.js';

/** `GET /api/v1/sources/:docId?start&end`: a cited span with its paragraph and article title. */
export function sourceRoutes(app: Express, { gate }: HttpDeps): void {
  app.get('/api/v1/sources/:docId', async (req, res) => {
    const docId = validate(docIdParam, req.params.docId, 'document id');
    const { start, end } = validate(spanQuery, req.query, 'query');
    const context = await gate.current().sourceContext(docId, start, end);
    if (!context) throw new AppError('DOCUMENT_NOT_FOUND', 'No document has that id and span.');
    res.json(context);
  });
}
