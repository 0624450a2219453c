import type { Express } from 'express';
import type { Server } from 'socket.io';
import path from 'node:path';
import { PROJECT_ROOT, type Config } from '../../config/config.js';
import type { Logger } from '../../logger.js';
import type { Db } from '../../store/db.js';
import type { Checker } from '../../verdict/checker-types.js';
import { createAnswerPageRouter, type StoredAnswer } from './answer-page-route.js';
import { glossChinese } from './chinese-gloss.js';
import { consoleRoutes } from './console-routes.js';
import { ModeratorAccounts } from './moderator-accounts.js';
import { ModerationService, type ModerationDeps } from './moderation-service.js';
import { attachModerateNamespace } from './namespace.js';
import { createModerationRouter, type ModerationRouterDeps } from './routes.js';

export interface ModerationModuleDeps {
  db: Db;
  config: Config;
  logger: Logger;
  /** The loaded checker, or undefined while the index loads. */
  checker: () => Checker | undefined;
  findAnswer: (answerId: string) => StoredAnswer | undefined | Promise<StoredAnswer | undefined>;
  /** The built client (console.js); defaults to client/dist. */
  clientDir?: string;
  /** Admin routes added to the moderation API (documents). */
  extend?: ModerationRouterDeps['extend'];
  feedbackQueue?: ModerationRouterDeps['feedbackQueue'];
  /** An answer's feedback votes, shown in the live feed. */
  votes?: ModerationDeps['votes'];
  now?: () => number;
}

/** Everything moderators use, built but not started: mount it on an app and a Socket.IO server. */
export interface ModerationModule {
  /** Base URL of links sent out (PUBLIC_URL, else this server on localhost). */
  publicUrl: string;
  accounts: ModeratorAccounts;
  moderation: ModerationService;
  /** Adds /api/v1/moderate/* and /a/:answerId to the app. */
  mount(app: Express): void;
  /** Adds the /moderate namespace. */
  attach(io: Server): void;
}

export function createModerationModule(deps: ModerationModuleDeps): ModerationModule {
  const { config, logger } = deps;
  const publicUrl = config.PUBLIC_URL.replace(/\/+$/, '') || `http://localhost:${config.PORT}`;
  const accounts = new ModeratorAccounts(deps.db, config.MOD_SESSION_HOURS * 3_600_000, deps.now);
  // Features need the checker; until it is loaded, clustering falls back to lexical signals.
  const features = {
    embed: (text: string) => requireChecker(deps).embed(text),
    search: (text: string, k: number) => requireChecker(deps).search(text, k),
    gloss: glossChinese,
  };
  const moderation = new ModerationService({
    db: deps.db,
    config,
    logger: logger.child({ part: 'moderation' }),
    features,
    check: (text) => requireChecker(deps).check(text),
    publicUrl,
    votes: deps.votes,
    now: deps.now,
  });
  return {
    publicUrl,
    accounts,
    moderation,
    mount(app) {
      app.use(
        '/api/v1/moderate',
        createModerationRouter({
          config,
          logger,
          accounts,
          moderation,
          checker: deps.checker,
          findAnswer: deps.findAnswer,
          extend: deps.extend,
          feedbackQueue: deps.feedbackQueue,
        }),
      );
      app.use(consoleRoutes(deps.clientDir ?? path.join(PROJECT_ROOT, 'client', 'dist')));
      app.use(
        createAnswerPageRouter({
          logger,
          moderation,
          findAnswer: deps.findAnswer,
          checker: deps.checker,
          publicUrl: config.PUBLIC_URL.replace(/\/+$/, ''),
          siteName: 'Factcheck',
        }),
      );
    },
    attach(io) {
      attachModerateNamespace(io, accounts, moderation);
    },
  };
}

function requireChecker(deps: ModerationModuleDeps): Checker {
  const checker = deps.checker();
  if (!checker) throw new Error('the checker is not loaded yet');
  return checker;
}
