/**
 * Every refusal the service can give, in one table: a stable code, its HTTP status and a
 * default message. HTTP routes, socket acknowledgements and the CLI all convert through here.
 */
export const ERROR_CODES = {
  BAD_REQUEST: { status: 400, message: 'The request is malformed.' },
  INVALID_JSON: { status: 400, message: 'The request body is not valid JSON.' },
  VALIDATION_FAILED: { status: 400, message: 'The request does not have the expected shape.' },
  CLAIM_EMPTY: { status: 400, message: 'The claim is empty.' },
  CLAIM_TOO_LONG: { status: 413, message: 'The claim is longer than allowed.' },
  CLAIM_INVALID_CHARACTERS: { status: 400, message: 'The claim contains control characters.' },
  EVIDENCE_EMPTY: { status: 400, message: 'The evidence is empty.' },
  EVIDENCE_TOO_LONG: { status: 413, message: 'The evidence is longer than allowed.' },
  NOTHING_TO_EXPAND: {
    status: 409,
    message: 'Ask about a claim first; there is no answer to expand.',
  },
  INVALID_API_KEY: { status: 401, message: 'The API key is not valid.' },
  CLIENT_TOKEN_INVALID: {
    status: 401,
    message: 'The client token is not valid; connect without one for a new one.',
  },
  CONVERSATION_FORBIDDEN: {
    status: 403,
    message: 'No conversation of yours has that id; start a new one.',
  },
  ORIGIN_NOT_ALLOWED: { status: 403, message: 'This page is not allowed to use the service.' },
  SHUTTING_DOWN: { status: 503, message: 'The server is shutting down; try again shortly.' },
  BUSY: { status: 503, message: 'The service is busy; try again shortly.' },
  CHECK_TIMEOUT: {
    status: 503,
    message: 'Checking this took longer than allowed; try a shorter text.',
  },
  SHARED_STATE_UNAVAILABLE: {
    status: 503,
    message: 'What the servers of this service share is unreachable; try again shortly.',
  },
  BODY_TOO_LARGE: { status: 413, message: 'The request body is too large.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'Send the body as application/json.' },
  BODY_ENCODING_INVALID: {
    status: 400,
    message: 'The request body does not match its Content-Encoding.',
  },
  UNAUTHENTICATED: { status: 401, message: 'Log in first.' },
  FORBIDDEN: { status: 403, message: 'You are not allowed to do that.' },
  CSRF_FAILED: { status: 403, message: 'The CSRF token is missing or wrong.' },
  SESSION_ENDED: { status: 401, message: 'Your session has ended; log in again.' },
  WEBHOOK_REPLAYED: { status: 409, message: 'This signed request was received already.' },
  CALLBACK_URL_NOT_ALLOWED: {
    status: 400,
    message: 'The callback URL is on a loopback, private or link-local address.',
  },
  NOT_FOUND: { status: 404, message: 'Nothing is here.' },
  ANSWER_NOT_FOUND: { status: 404, message: 'No answer has that id.' },
  DOCUMENT_NOT_FOUND: { status: 404, message: 'No document has that id.' },
  CONFLICT: { status: 409, message: 'That conflicts with existing data.' },
  RATE_LIMITED: { status: 429, message: 'Too many requests; slow down.' },
  VOTE_LIMIT_REACHED: {
    status: 429,
    message: 'Too many people on your network have voted on this answer already.',
  },
  TOO_MANY_CONVERSATIONS: {
    status: 429,
    message: 'This connection has opened too many conversations.',
  },
  INDEX_NOT_READY: { status: 503, message: 'The knowledge index is still loading.' },
  STORE_UNAVAILABLE: { status: 503, message: 'The database cannot be reached; try again shortly.' },
  INDEX_CORRUPT: { status: 500, message: 'The knowledge index could not be read.' },
  EMBEDDER_UNAVAILABLE: { status: 500, message: 'No text encoder could be loaded.' },
  CONFIG_INVALID: { status: 500, message: 'The configuration is invalid.' },
  INGEST_FAILED: { status: 500, message: 'A document could not be ingested.' },
  PATH_OUTSIDE_KNOWLEDGE: { status: 400, message: 'The path is outside the knowledge folder.' },
  SOURCE_NOT_FOUND: { status: 404, message: 'No document exists at that path.' },
  SOURCE_UNSUPPORTED: { status: 415, message: 'That kind of document cannot be ingested.' },
  SOURCE_TOO_LARGE: { status: 413, message: 'The document is larger than allowed.' },
  SOURCE_BINARY: { status: 422, message: 'The document is a binary file, not text.' },
  SOURCE_INVALID_UTF8: { status: 422, message: 'The document is not valid UTF-8 text.' },
  SOURCE_MALFORMED: { status: 422, message: 'The document could not be parsed.' },
  IMAGE_UNSUPPORTED: {
    status: 415,
    message: 'That is not an image we can read; send a PNG, JPEG or WebP.',
  },
  IMAGE_TOO_LARGE: { status: 413, message: 'The image file is larger than allowed.' },
  IMAGE_TOO_MANY_PIXELS: {
    status: 413,
    message: 'The image has more pixels than allowed; send a smaller screenshot.',
  },
  IMAGE_CORRUPT: { status: 422, message: 'The image is damaged or cut short.' },
  OCR_NO_TEXT: { status: 422, message: 'No text could be read in the image.' },
  OCR_UNAVAILABLE: { status: 500, message: 'The text reader could not be loaded.' },
  INTERNAL: { status: 500, message: 'Something went wrong on our side.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details?: unknown;

  constructor(code: ErrorCode, message?: string, options?: { cause?: unknown; details?: unknown }) {
    super(message ?? ERROR_CODES[code].message, { cause: options?.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = ERROR_CODES[code].status;
    this.details = options?.details;
  }
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string };
}

/** body-parser's error types (express.json, express.raw, express.text), mapped to our codes. */
const PARSER_ERRORS: Record<string, ErrorCode> = {
  'entity.parse.failed': 'INVALID_JSON',
  'entity.too.large': 'BODY_TOO_LARGE',
  'encoding.unsupported': 'UNSUPPORTED_MEDIA_TYPE',
  'charset.unsupported': 'UNSUPPORTED_MEDIA_TYPE',
  'parameters.too.many': 'BODY_TOO_LARGE',
  'request.aborted': 'BAD_REQUEST',
  'request.size.invalid': 'BAD_REQUEST',
};

/**
 * zlib's failure codes (Z_DATA_ERROR, Z_BUF_ERROR, and brotli's ERR__ERROR_...): body-parser
 * passes them on untyped when a body sent with Content-Encoding does not decompress.
 */
const isDecompressionFailure = (code: unknown): boolean =>
  typeof code === 'string' && (/^Z_[A-Z_]+$/.test(code) || code.startsWith('ERR__ERROR_'));

/**
 * The one mapping from anything thrown to a coded error, for HTTP, sockets and bots alike:
 * our own errors as they are, body-parser failures by their type, anything else INTERNAL.
 */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const thrown = err as { type?: unknown; code?: unknown } | null | undefined;
  const parserType = thrown?.type;
  if (typeof parserType === 'string' && Object.hasOwn(PARSER_ERRORS, parserType))
    return new AppError(PARSER_ERRORS[parserType]!, undefined, { cause: err });
  if (isDecompressionFailure(thrown?.code))
    return new AppError('BODY_ENCODING_INVALID', undefined, { cause: err });
  // Express's router cannot decode a path parameter that is not valid percent-encoding ("/a/%").
  if (err instanceof URIError) return new AppError('BAD_REQUEST', undefined, { cause: err });
  return new AppError('INTERNAL', undefined, { cause: err });
}

/**
 * Refusals with a 5xx status that are the service working as meant (overload, shutdown, index
 * loading): logged as refusals, not as failures, so that an overload does not flood the log.
 */
const EXPECTED_UNAVAILABLE: ReadonlySet<ErrorCode> = new Set([
  'BUSY',
  'SHUTTING_DOWN',
  'INDEX_NOT_READY',
  // The pool logs the worker it replaced; the refusal itself is a caller's input or a load.
  'CHECK_TIMEOUT',
]);

/** Whether an error is our fault (worth an error log line): a 5xx other than the expected ones. */
export const isFault = (err: AppError): boolean =>
  err.status >= 500 && !EXPECTED_UNAVAILABLE.has(err.code);

/** Seconds a refused caller should wait before trying again (BUSY, RATE_LIMITED), if known. */
export function retryAfterOf(err: unknown): number | undefined {
  if (!(err instanceof AppError)) return undefined;
  const retryAfterS = (err.details as { retryAfterS?: unknown } | undefined)?.retryAfterS;
  return typeof retryAfterS === 'number' ? retryAfterS : undefined;
}

/** Anything thrown in the public error shape, with its HTTP status. */
export function toErrorBody(err: unknown): { status: number; body: ErrorBody } {
  const known = toAppError(err);
  return {
    status: known.status,
    body: { error: { code: known.code, message: known.message } },
  };
}
