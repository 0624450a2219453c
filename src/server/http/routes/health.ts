import type { Express } from 'express';
import { AppError, toErrorBody } from '../../../errors.js';
import type { HttpDeps } from '../http-deps.js';

/** Liveness (the process answers) and readiness (the index is loaded and we are not closing). */
export function healthRoutes(app: Express, { gate, answers }: HttpDeps): void {
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', (_req, res) => {
    if (answers.isClosing || !gate.isReady) {
      const { status, body } = toErrorBody(
        new AppError(answers.isClosing ? 'SHUTTING_DOWN' : 'INDEX_NOT_READY'),
      );
      res.status(status).json(body);
      return;
    }
    res.json({ status: 'ready', indexVersion: gate.current().indexVersion });
  });
}
