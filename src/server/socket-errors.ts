import { isFault, toAppError, toErrorBody, type ErrorBody } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Metrics } from './metrics.js';

/**
 * A refused Socket.IO connection (namespace middleware): socket.io-client receives the coded
 * error in `err.data`, as the HTTP routes send it in the body.
 */
export class ConnectError extends Error {
  readonly data: ErrorBody['error'];

  constructor(err: unknown) {
    const { error } = toErrorBody(err).body;
    super(error.message);
    this.name = 'ConnectError';
    this.data = error;
  }
}

/** The socket's side of the error handler: `{ ok: false, error }`, counted, logged when ours. */
export function socketRefusal(
  err: unknown,
  deps: { logger: Logger; metrics?: Metrics },
  context: Record<string, unknown> = {},
): { ok: false } & ErrorBody {
  const { body } = toErrorBody(err);
  if (isFault(toAppError(err))) deps.logger.error({ err, ...context }, 'socket event failed');
  deps.metrics?.refusals.inc({ code: body.error.code });
  return { ok: false, ...body };
}
