import type { Express } from 'express';
import { z } from 'zod';
import { AppError } from '../../../errors.js';
import type { HttpDeps } from '../http-deps.js';
import { validate } from '../../../validate.js';

/** Longest span one request may ask for (a cited span is a few sentences). */
const MAX_SPAN = 20_000;
const offset = z
  .string()
  .regex(/^\d{1,9}$/, 'must be a non-negative integer')
  .transform(Number);
const spanQuery = z
  .object({ start: offset, end: offset })
  .refine((q) => q.end > q.start, { message: 'end must be greater than start', path: ['end'] })
  .refine((q) => q.end - q.start <= MAX_SPAN, {
    message: `at most ${MAX_SPAN} characters`,
    path: ['end'],
  });

/** `GET /api/v1/sources/:docId?start&end`: a cited span with its paragraph and article title. */
export function sourceRoutes(app: Express, { gate }: HttpDeps): void {
  app.get('/api/v1/sources/:docId', async (req, res) => {
    const docId = validate(z.string().min(1).max(300), req.params.docId, 'document id');
    const { start, end } = validate(spanQuery, req.query, 'query');
    const context = await gate.current().sourceContext(docId, start, end);
    if (!context) throw new AppError('DOCUMENT_NOT_FOUND', 'No document has that id and span.');
    res.json(context);
  });
}
