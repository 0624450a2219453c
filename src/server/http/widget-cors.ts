import cors from 'cors';
import type { RequestHandler } from 'express';
import type { OriginPolicy } from '../origin-policy.js';

/** CORS for the widget's host pages: only origins on the allow-list get the headers. */
export const widgetCors = (origins: OriginPolicy): RequestHandler =>
  cors({
    origin: (origin, callback) => callback(null, origin !== undefined && origins.isListed(origin)),
    methods: ['GET', 'POST'],
    // X-Client-Id stays allowed for widgets cached from before client tokens (it is ignored).
    allowedHeaders: [
      'Content-Type',
      'Authorization',
      'X-API-Key',
      'X-Client-Token',
      'X-Client-Id',
      'X-Request-Id',
    ],
    exposedHeaders: ['X-Request-Id', 'Retry-After', 'RateLimit-Remaining'],
    maxAge: 600,
  });
