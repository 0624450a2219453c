import http from 'node:http';
import path from 'node:path';
import express, { type Express } from 'express';
import { Server } from 'socket.io';
import { runExclusive } from '../cluster/exclusive.js';
import { createNodeNotices } from '../cluster/node-notices.js';
import type { RedisConnection } from '../cluster/redis-connection.js';
import { redisSocketAdapter } from '../cluster/socket-adapter.js';
import { PROJECT_ROOT, socketMaxBufferBytes, type Config } from '../config/config.js';
import { ingestInWorker } from '../index/ingest-in-worker.js';
import type { Logger } from '../logger.js';
import { createImageReader, type ImageReader } from '../ocr/index.js';
import type { Store } from '../store/store.js';
import type { Checker } from '../verdict/checker-types.js';
import { createAnswerService, type AnswerService } from './answer-service.js';
import { mountChatNamespace, type ChatNamespace } from './chat/chat-namespace.js';
import { createCheckerGate, type CheckerGate } from './checker-gate.js';
import { createClientTokens } from './client-token.js';
import { errorHandler, notFound } from './http/error-handler.js';
import type { HttpDeps } from './http/http-deps.js';
import { identifyCaller } from './http/identify-caller.js';
import { jsonBody } from './http/json-body.js';
import { rateLimit } from './http/rate-limit.js';
import { requestContext } from './http/request-context.js';
import { requestMetrics } from './http/request-metrics.js';
import { answerPageRoutes } from './http/routes/answer-page.js';
import { answerRoutes } from './http/routes/answers.js';
import { checkRoutes, imageCheckRoutes } from './http/routes/check.js';
import { healthRoutes } from './http/routes/health.js';
import { metricsRoutes } from './http/routes/metrics.js';
import { openApiRoutes } from './http/routes/openapi.js';
import { readImageRoutes } from './http/routes/read-image.js';
import { sourceRoutes } from './http/routes/sources.js';
import { stanceBodyLimitBytes, stanceRoutes } from './http/routes/stance.js';
import { widgetRoutes } from './http/routes/widget.js';
import { securityHeaders } from './http/security-headers.js';
import { widgetCors } from './http/widget-cors.js';
import { createImageClaims } from './image-claims.js';
import { createMetrics, type Metrics } from './metrics.js';
import { createOpenApiRegistry } from './openapi-document.js';
import { createOriginPolicy } from './origin-policy.js';
import type { ServerPlugin } from './plugin.js';
import { createRateLimits } from './rate-limits.js';
import { createIngestJobs, type IngestJobs, type IngestRunner } from './ingest-jobs.js';

/** Body limit of the moderation API (it was its own parser's: 200 kB). */
const MODERATION_BODY_LIMIT_BYTES = 200 * 1024;

export interface AppDeps {
  config: Config;
  logger: Logger;
  store: Store;
  /** The checker, or its promise while the index loads (claims get INDEX_NOT_READY until then). */
  checker: Checker | Promise<Checker>;
  /** Loads a checker over the index as it is on disk now; enables reloading after uploads. */
  reloadChecker?: () => Promise<Checker>;
  plugins?: ServerPlugin[];
  /** Runs an ingest job; defaults to a worker thread with its own encoder. */
  ingest?: IngestRunner;
  /** The built client; defaults to client/dist in the project. */
  clientDir?: string;
  /** Reads screenshots; defaults to a reader on the OCR settings, closed with the app. */
  imageReader?: ImageReader;
  /** Redis shared with the other nodes (REDIS_URL); absent: one process, state in memory. The caller closes it. */
  redis?: RedisConnection;
}

export interface ServerApp {
  app: Express;
  httpServer: http.Server;
  io: Server;
  gate: CheckerGate;
  answers: AnswerService;
  chat: ChatNamespace;
  metrics: Metrics;
  /** Uploads, removals and SIGHUP reloads, ingested off the event loop and resumed after a crash. */
  ingest: IngestJobs;
  /**
   * Graceful stop: refuses new claims, lets answers in flight finish (up to SHUTDOWN_TIMEOUT_MS),
   * then closes every socket and the HTTP server. The caller closes the gate and db.
   */
  close(): Promise<void>;
}

/** Builds the HTTP app, the Socket.IO server and the chat; listens on nothing. */
export function createApp(deps: AppDeps): ServerApp {
  const { config, logger, store, redis } = deps;
  const metrics = createMetrics();
  const limits = createRateLimits(config, redis);
  const origins = createOriginPolicy(config);
  const tokens = createClientTokens(config.CLIENT_TOKEN_SECRET || store.clientTokenSecret);
  const gate = createCheckerGate(
    deps.checker,
    deps.reloadChecker ? { reload: deps.reloadChecker } : {},
  );
  // Many nodes: the node that ingested tells the others, which load the new index from the
  // shared data folder (DATA_DIR on a volume every node mounts).
  const notices = redis && createNodeNotices(redis, logger);
  const reloadIndex = async () => {
    await gate.reload();
    await notices?.publish('index-changed');
  };
  notices?.on('index-changed', () => {
    if (!gate.canReload) return;
    gate
      .reload()
      .catch((err: unknown) => logger.error({ err }, 'index changed elsewhere; reload failed'));
  });
  const answers = createAnswerService({
    gate,
    store,
    metrics,
    logger,
    maxClaimLength: config.MAX_CLAIM_LENGTH,
    maxQueueWaitMs: config.CHECK_QUEUE_MAX_WAIT_MS,
    cache: { maxEntries: config.QUERY_CACHE_ENTRIES, maxBytes: config.QUERY_CACHE_BYTES },
    ...(notices
      ? {
          peers: {
            tell: () => void notices.publish('answers-reviewed'),
            onTold: (listener: () => void) => notices.on('answers-reviewed', listener),
          },
        }
      : {}),
  });
  const reader = deps.imageReader ?? createImageReader(config, logger);
  const imageClaims = createImageClaims({
    reader,
    answers,
    gate,
    images: store.claimImages,
    keepImages: config.KEEP_IMAGES,
    maxClaimLength: config.MAX_CLAIM_LENGTH,
  });
  const runIngest: IngestRunner =
    deps.ingest ??
    ((paths, onProgress, signal) =>
      ingestInWorker(config, logger, {
        ...(paths ? { paths } : {}),
        onProgress,
        signal,
        nice: config.INGEST_WORKER_NICE,
      }));
  const ingest = createIngestJobs({
    repo: store.ingestJobs,
    logger,
    knowledgeDir: config.KNOWLEDGE_DIR,
    // Many nodes share the index folder: one ingests into it at a time.
    ingest: redis
      ? (paths, onProgress, signal) =>
          runExclusive(redis, 'index', () => runIngest(paths, onProgress, signal), signal)
      : runIngest,
    whenReady: () => gate.whenReady(),
    ...(gate.canReload ? { reload: reloadIndex } : {}),
    heartbeatMs: config.INGEST_HEARTBEAT_MS,
    staleMs: config.INGEST_STALE_MS,
    // SQLite is one node's own file: what it left running at its last stop runs again at once.
    soleNode: !config.DATABASE_URL,
  });
  const ctx: HttpDeps = {
    config,
    gate,
    store,
    answers,
    imageClaims,
    metrics,
    clientDir: deps.clientDir ?? path.join(PROJECT_ROOT, 'client', 'dist'),
  };

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.TRUST_PROXY);
  app.use(requestContext(logger));
  app.use(requestMetrics(metrics));
  app.use(securityHeaders());
  app.use('/api', widgetCors(origins));
  app.use('/api', identifyCaller(store, tokens));
  app.use('/api', rateLimit(limits));
  // A stance carries a whole evidence text: its body may be larger (parsed once, here).
  app.use('/api/v1/stance', jsonBody(stanceBodyLimitBytes(config)));
  // A moderator's reviewed answer may quote at length: its API takes larger bodies.
  app.use('/api/v1/moderate', jsonBody(MODERATION_BODY_LIMIT_BYTES));
  // Screenshots come as multipart/form-data, streamed by their routes under the image cap;
  // mounted before the JSON parser, which refuses every other media type.
  imageCheckRoutes(app, ctx);
  readImageRoutes(app, ctx);
  app.use('/api', jsonBody(config.JSON_BODY_LIMIT_BYTES));

  healthRoutes(app, ctx);
  metricsRoutes(app, ctx);
  const openApi = createOpenApiRegistry();
  openApiRoutes(app, openApi);
  checkRoutes(app, ctx);
  stanceRoutes(app, ctx);
  answerRoutes(app, ctx);
  sourceRoutes(app, ctx);
  widgetRoutes(app, ctx);
  answerPageRoutes(app, ctx);

  const httpServer = http.createServer(app);
  const io = new Server(httpServer, {
    maxHttpBufferSize: socketMaxBufferBytes(config),
    // Browser pages must be ours or on the allow-list; this also covers WebSocket upgrades.
    allowRequest: (req, callback) =>
      callback(null, origins.isAllowed(req.headers.origin, req.headers.host)),
    cors: {
      origin: (origin, callback) =>
        callback(null, origin !== undefined && origins.isListed(origin)),
    },
    // A client that drops for up to two minutes gets the answers it missed on reconnect.
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: true },
    // Many nodes: broadcasts to rooms, and recovered sessions, span every node.
    ...(redis ? { adapter: redisSocketAdapter(redis) } : {}),
  });
  const chat = mountChatNamespace(io, {
    answers,
    imageClaims,
    gate,
    store,
    limits,
    metrics,
    logger,
    tokens,
    trustProxy: config.TRUST_PROXY,
  });

  const cleanups = (deps.plugins ?? []).map((plugin) =>
    plugin({
      app,
      io,
      config,
      logger,
      store,
      gate,
      answers,
      imageClaims,
      chat,
      metrics,
      openApi,
      ingest,
      ...(redis ? { redis } : {}),
    }),
  );
  // Jobs a killed process left behind run again once the server is up (factories do not start).
  httpServer.once('listening', () => {
    ingest.resume().catch((err: unknown) => logger.error({ err }, 'ingest jobs not resumed'));
    notices
      ?.start()
      .catch((err: unknown) => logger.error({ err }, 'notices of other nodes are not received'));
  });

  app.use(notFound());
  app.use(errorHandler(metrics));

  return {
    app,
    httpServer,
    io,
    gate,
    answers,
    chat,
    metrics,
    ingest,
    async close() {
      // Refuse new claims (readyz turns 503) but keep the sockets open: the answers in flight
      // go out over them. Closing the HTTP server first would also drop the WebSockets.
      const isDrained = await answers.drain(config.SHUTDOWN_TIMEOUT_MS);
      if (!isDrained)
        logger.warn({ inFlight: answers.inFlight }, 'shutdown: answers still in flight');
      for (const cleanup of cleanups) if (cleanup) await cleanup();
      if (!deps.imageReader) await reader.close();
      await ingest.close();
      await notices?.close();
      // The last answers may sit in a transport's write buffer until the next tick, and
      // io.close() discards write buffers: give them a moment to go out.
      await new Promise((resolve) => setTimeout(resolve, 50));
      const closed = io.close();
      // Idle keep-alive connections would hold the HTTP server open.
      httpServer.closeAllConnections();
      await closed;
    },
  };
}
