import type { RequestHandler } from 'express';
import type { Metrics } from '../metrics.js';

/** Counts every response by method, route pattern (not the raw path: ids would explode it) and status. */
export function requestMetrics(metrics: Metrics): RequestHandler {
  return (req, res, next) => {
    res.on('finish', () => {
      const route = req.route ? `${req.baseUrl}${String(req.route.path)}` : 'unmatched';
      metrics.httpRequests.inc({ method: req.method, route, status: String(res.statusCode) });
    });
    next();
  };
}
