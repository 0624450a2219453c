import type { Express } from 'express';
import type { OpenApiRegistry } from '../../openapi-document.js';

/** `GET /api/openapi.json`: the core's routes and those the plugins documented. */
export function openApiRoutes(app: Express, openApi: OpenApiRegistry): void {
  app.get('/api/openapi.json', (_req, res) => {
    res.json(openApi.document());
  });
}
