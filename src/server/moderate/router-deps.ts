import type { Request } from 'express';
import type { Config } from '../../config/config.js';
import type { FeedbackItem } from '../../moderation/feedback-queue.js';
import type { Moderation } from '../../moderation/moderation.js';
import type { ClaimImageRepository } from '../../store/claim-images.js';
import type { CheckResult } from '../../types.js';
import type { Checker } from '../../verdict/checker-types.js';

export interface ModerationRouterDeps {
  config: Config;
  domain: Moderation;
  /** Knowledge search and exact spans for citations; absent until the index is loaded. */
  checker: () => Pick<Checker, 'search' | 'sourceContext'> | undefined;
  /** The stored answer a claim got (the feed lists its citations). */
  findAnswer: (answerId: string) => Promise<{ result: CheckResult } | undefined>;
  /** Not-helpful votes with their reasons, newest first (the feedback queue). */
  feedbackQueue: (limit: number) => Promise<FeedbackItem[]>;
  /** Screenshots kept with their answers (KEEP_IMAGES), shown as thumbnails. */
  claimImages: ClaimImageRepository;
}

/** Session cookies are Secure when configured so, or (auto) when the request came over https. */
export const isSecureRequest = (config: Config, req: Request): boolean =>
  config.MOD_COOKIE_SECURE === 'true' || (config.MOD_COOKIE_SECURE === 'auto' && req.secure);
