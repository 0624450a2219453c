import path from 'node:path';
import type { Express, Response } from 'express';
import { AppError } from '../../../errors.js';
import type { HttpDeps } from '../http-deps.js';

/** The demo page at `/` and the embeddable `widget.js`, from the client build. */
export function widgetRoutes(app: Express, { clientDir }: HttpDeps): void {
  const send = (res: Response, file: string) =>
    new Promise<void>((resolve, reject) =>
      res.sendFile(path.join(clientDir, file), { maxAge: '5m' }, (err) => {
        if (!err) return resolve();
        reject(
          (err as NodeJS.ErrnoException).code === 'ENOENT'
            ? new AppError('NOT_FOUND', 'The widget is not built; run `npm run build`.')
            : err,
        );
      }),
    );
  app.get('/', (_req, res) => send(res, 'index.html'));
  app.get('/widget.js', (_req, res) => {
    // Host pages on other origins load this script.
    res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    return send(res, 'widget.js');
  });
}
