import helmet from 'helmet';
import type { RequestHandler } from 'express';

/**
 * Helmet's defaults (CSP with scripts from this origin only, no sniffing, no framing by
 * others). The widget script itself is fetched by other sites; its route relaxes CORP.
 */
export const securityHeaders = (): RequestHandler =>
  helmet({
    contentSecurityPolicy: {
      directives: {
        // The widget talks to this origin over WebSocket and fetch.
        connectSrc: ["'self'"],
        scriptSrc: ["'self'"],
      },
    },
  });
