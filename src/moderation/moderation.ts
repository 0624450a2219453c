import type { RedisConnection } from '../cluster/redis-connection.js';
import type { Config } from '../config/config.js';
import type { Logger } from '../logger.js';
import type { FeedbackCounts } from '../store/store.js';
import type { Store } from '../store/store.js';
import type { Checker } from '../verdict/checker-types.js';
import { createChineseGlosser } from './gloss-in-worker.js';
import { ModerationService } from './moderation-service.js';
import type { LoginLimits } from './login-limiter.js';
import { ModeratorAccounts } from './moderator-accounts.js';
import { RedisLoginLimiter } from './redis-login-limiter.js';

export interface ModerationSetup {
  store: Store;
  config: Config;
  logger: Logger;
  /** The loaded checker, or undefined while the index loads. */
  checker: () => Checker | undefined;
  /** An answer's feedback votes, shown in the live feed. */
  votes?: (answerId: string) => Promise<FeedbackCounts>;
  /** Whether a screenshot is kept with the answer (KEEP_IMAGES). */
  hasImage?: (answerId: string) => Promise<boolean>;
  now?: () => number;
  /** Redis shared by the nodes (REDIS_URL): login waits then hold on every node. */
  redis?: RedisConnection;
}

/** The moderation domain, built but not mounted: accounts, and the service watching answers. */
export interface Moderation {
  /** Base URL of links sent out (PUBLIC_URL, else this server on localhost). */
  publicUrl: string;
  accounts: ModeratorAccounts;
  moderation: ModerationService;
  /** Stops the threads it started (the Chinese glosser). */
  close(): Promise<void>;
}

export function createModeration(deps: ModerationSetup): Moderation {
  const { config, logger } = deps;
  const publicUrl = config.PUBLIC_URL.replace(/\/+$/, '') || `http://localhost:${config.PORT}`;
  const requireChecker = (): Checker => {
    const checker = deps.checker();
    if (!checker) throw new Error('the checker is not loaded yet');
    return checker;
  };
  // Off the event loop: CC-CEDICT takes seconds to load (see gloss-in-worker.ts).
  const glosser = createChineseGlosser();
  // Features need the checker; until it is loaded, clustering falls back to lexical signals.
  const features = {
    embed: (text: string) => requireChecker().embed(text),
    search: (text: string, k: number) => requireChecker().search(text, k),
    gloss: glosser.gloss,
  };
  const loginLimits: LoginLimits = {
    freeFailures: config.MOD_LOGIN_ATTEMPTS,
    firstDelayMs: config.MOD_LOGIN_DELAY_S * 1000,
    maxDelayMs: config.MOD_LOGIN_MAX_DELAY_S * 1000,
  };
  return {
    publicUrl,
    accounts: new ModeratorAccounts(
      deps.store.moderators,
      config.MOD_SESSION_HOURS * 3_600_000,
      deps.now,
      loginLimits,
      deps.redis && new RedisLoginLimiter(deps.redis, loginLimits, logger, deps.now),
    ),
    moderation: new ModerationService({
      store: deps.store,
      config,
      logger: logger.child({ part: 'moderation' }),
      features,
      check: (text) => requireChecker().check(text),
      publicUrl,
      votes: deps.votes,
      hasImage: deps.hasImage,
      now: deps.now,
    }),
    close: () => glosser.close(),
  };
}
