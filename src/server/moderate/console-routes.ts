import path from 'node:path';
import { Router } from 'express';

/** The console page: a shell that loads the console bundle, which logs in and renders. */
const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Moderation · Factcheck</title>
</head>
<body>
<div id="console"></div>
<script src="/console.js" defer></script>
</body>
</html>
`;

/** GET /moderate (the page) and /console.js (from the client build). */
export function consoleRoutes(clientDir: string): Router {
  const router = Router();
  router.get('/moderate', (_req, res) => {
    res.type('html').set('Cache-Control', 'no-store').send(PAGE);
  });
  router.get('/console.js', (_req, res, next) => {
    res.sendFile(path.join(clientDir, 'console.js'), { maxAge: '5m' }, (err) => {
      if (err) next(err);
    });
  });
  return router;
}
