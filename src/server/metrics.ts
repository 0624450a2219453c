import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The service's Prometheus metrics, in a registry of their own so that apps stay independent. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    httpRequests: new Counter({
      name: 'factcheck_http_requests_total',
      help: 'HTTP requests by method, route pattern and status.',
      labelNames: ['method', 'route', 'status'] as const,
      registers: [registry],
    }),
    answerLatency: new Histogram({
      name: 'factcheck_answer_latency_seconds',
      help: 'Time from a claim arriving to its answer being stored, by channel.',
      labelNames: ['channel'] as const,
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    verdicts: new Counter({
      name: 'factcheck_verdicts_total',
      help: 'Answers given, by verdict and channel.',
      labelNames: ['verdict', 'channel'] as const,
      registers: [registry],
    }),
    connectedSockets: new Gauge({
      name: 'factcheck_chat_connected_sockets',
      help: 'Sockets connected to the /chat namespace.',
      registers: [registry],
    }),
    checkQueueWaiting: new Gauge({
      name: 'factcheck_check_queue_waiting',
      help: 'Claims waiting for a check (not yet running).',
      registers: [registry],
    }),
    queryCacheLookups: new Counter({
      name: 'factcheck_query_cache_lookups_total',
      help: 'Query cache lookups of claims to check, by result: hit, shared (the same claim was being checked), miss.',
      labelNames: ['result'] as const,
      registers: [registry],
    }),
    refusals: new Counter({
      name: 'factcheck_refusals_total',
      help: 'Requests and socket messages refused, by error code.',
      labelNames: ['code'] as const,
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
