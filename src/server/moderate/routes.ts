import { Router } from 'express';
import { accountRoutes, loginRoute } from './account-routes.js';
import { requireCsrf, requireModerator } from './auth-middleware.js';
import { claimImageRoutes } from './claim-image-route.js';
import { clusterRoutes } from './cluster-routes.js';
import type { ModerationRouterDeps } from './router-deps.js';

/**
 * The moderation API, mounted at /api/v1/moderate: login first, then everything else behind a
 * session and its CSRF token. Bodies are parsed, and errors answered, by the app.
 */
export function moderationRouter(deps: ModerationRouterDeps): Router {
  const router = Router();
  loginRoute(router, deps);
  router.use(requireModerator(deps.domain.accounts), requireCsrf);
  clusterRoutes(router, deps);
  claimImageRoutes(router, deps.claimImages);
  accountRoutes(router, deps);
  return router;
}
