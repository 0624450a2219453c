import type { Express } from 'express';
import type { Server } from 'socket.io';
import type { RedisConnection } from '../cluster/redis-connection.js';
import type { Config } from '../config/config.js';
import type { Logger } from '../logger.js';
import type { Store } from '../store/store.js';
import type { AnswerService } from './answer-service.js';
import type { ChatNamespace } from './chat/chat-namespace.js';
import type { IngestJobs } from './ingest-jobs.js';
import type { CheckerGate } from './checker-gate.js';
import type { ImageClaims } from './image-claims.js';
import type { Metrics } from './metrics.js';
import type { OpenApiRegistry } from './openapi-document.js';

/** What a plugin may use to add routes, namespaces and answer hooks to the app. */
export interface PluginContext {
  app: Express;
  io: Server;
  config: Config;
  logger: Logger;
  store: Store;
  gate: CheckerGate;
  /** `answers.use({ screen, observe })` hooks into every answer (widget, REST, bots). */
  answers: AnswerService;
  /** Screenshot claims (bots and webhooks read images through it). */
  imageClaims: ImageClaims;
  /** The `/chat` namespace; `chat.onJoin` fires when a widget loads a conversation. */
  chat: ChatNamespace;
  metrics: Metrics;
  /** `openApi.add(fragment)` documents the routes a plugin mounts in /api/openapi.json. */
  openApi: OpenApiRegistry;
  /** `ingest.submit(job)` queues an ingest off the event loop; `onProgress` follows every job. */
  ingest: IngestJobs;
  /** Redis shared with the other nodes (REDIS_URL), when the service runs on many. */
  redis?: RedisConnection;
}

/**
 * Extends the app at build time: mounted after the chat routes and before the 404 handler.
 * May return a cleanup run at shutdown.
 */
export type ServerPlugin = (ctx: PluginContext) => void | (() => void | Promise<void>);
