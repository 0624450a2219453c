import type { Config } from '../config/config.js';

/**
 * Which web pages may call the service from the browser: the service's own pages, and the
 * widget's host pages listed in CORS_ORIGINS (`*` for any). Requests without an Origin header
 * (bots, curl, server-side clients) are not browser pages and are let through.
 */
export function createOriginPolicy(config: Pick<Config, 'CORS_ORIGINS'>) {
  const listed = config.CORS_ORIGINS.split(',')
    .map((o) => o.trim().replace(/\/+$/, ''))
    .filter(Boolean);
  const isAny = listed.includes('*');
  const allowList = new Set(listed.map((o) => o.toLowerCase()));
  return {
    /** Whether a cross-origin page at `origin` may use the API. */
    isListed(origin: string): boolean {
      return isAny || allowList.has(origin.toLowerCase());
    },
    /** Whether a request with this Origin, arriving for `host`, may proceed. */
    isAllowed(origin: string | undefined, host: string | undefined): boolean {
      if (!origin) return true;
      if (this.isListed(origin)) return true;
      try {
        return host !== undefined && new URL(origin).host.toLowerCase() === host.toLowerCase();
      } catch {
        return false;
      }
    },
  };
}

export type OriginPolicy = ReturnType<typeof createOriginPolicy>;
