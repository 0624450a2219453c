import type { Express } from 'express';
import { openApiDocument } from '../../openapi-document.js';

/** `GET /api/openapi.json`. */
export function openApiRoutes(app: Express): void {
  app.get('/api/openapi.json', (_req, res) => {
    res.json(openApiDocument);
  });
}
