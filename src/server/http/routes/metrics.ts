import type { Express } from 'express';
import type { HttpDeps } from '../http-deps.js';

/** Prometheus exposition of the service's metrics. */
export function metricsRoutes(app: Express, { metrics }: HttpDeps): void {
  app.get('/metrics', async (_req, res) => {
    res.setHeader('Content-Type', metrics.registry.contentType);
    res.send(await metrics.registry.metrics());
  });
}
