import type { ErrorCode } from '../../errors.js';
import {
  arrayOf,
  componentsOf,
  fromZod,
  json,
  pathParam,
  queryParams,
  ref,
  refusals,
  type OpenApiFragment,
  type OpenApiObject,
} from '../openapi-parts.js';
import { loginBody, moderatorBody, moderatorChanges, passwordBody } from './account-routes.js';
import { curatedBody } from './cluster-routes.js';
import { clustersQuery, listQuery, searchQuery } from './query-schemas.js';
import { SESSION_COOKIE } from './session-cookie.js';
import { coreSchemas } from '../http/schemas.js';
import { moderationSchemas } from './schemas.js';

/** What a JSON request body may be refused for. */
const JSON_BODY: ErrorCode[] = [
  'INVALID_JSON',
  'VALIDATION_FAILED',
  'BODY_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'BODY_ENCODING_INVALID',
];

const readSecurity = [{ moderatorSession: [] }];
/** Both at once: the session cookie and the CSRF token it was issued with. */
const writeSecurity = [{ moderatorSession: [], csrfToken: [] }];

interface OperationSpec {
  summary: string;
  /** State-changing: needs the X-CSRF-Token header as well as the session. */
  isChanging?: boolean;
  parameters?: OpenApiObject[];
  body?: OpenApiObject;
  /** The success status, its description and (for JSON) its schema. */
  ok: [status: string, description: string, schema?: OpenApiObject];
  refuses?: ErrorCode[];
}

/** One moderator operation: session security, the success response and the refusals. */
function moderatorOperation(spec: OperationSpec): OpenApiObject {
  const [status, description, schema] = spec.ok;
  return {
    summary: spec.summary,
    security: spec.isChanging ? writeSecurity : readSecurity,
    ...(spec.parameters ? { parameters: spec.parameters } : {}),
    ...(spec.body ? { requestBody: { required: true, ...json(spec.body) } } : {}),
    responses: {
      [status]: { description, ...(schema ? json(schema) : {}) },
      ...refusals(
        'UNAUTHENTICATED',
        ...(spec.isChanging ? (['CSRF_FAILED'] as const) : []),
        ...(spec.body ? JSON_BODY : []),
        ...(spec.refuses ?? []),
      ),
    },
  };
}

/** A route of the moderation API: under /api, so also behind the API's rate limit. */
const apiOperation = (spec: OperationSpec) =>
  moderatorOperation({ ...spec, refuses: ['RATE_LIMITED', ...(spec.refuses ?? [])] });

const clusterId = pathParam('id');
const moderatorIdParam = pathParam('id', { type: 'integer', minimum: 1 });
const schemas = componentsOf(moderationSchemas, coreSchemas);

const documentName = pathParam('name', {
  type: 'string',
  description: 'A file name ending in .md, .txt, .html or .jsonl.',
});

const html = (description: string) => ({ description, content: { 'text/html': {} } });

/** The moderation plugin's routes: the moderation API, documents, the console and answer pages. */
export const moderationOpenApi: OpenApiFragment = {
  securitySchemes: {
    moderatorSession: {
      type: 'apiKey',
      in: 'cookie',
      name: SESSION_COOKIE,
      description: 'Set by POST /api/v1/moderate/login (httpOnly, SameSite=Strict).',
    },
    csrfToken: {
      type: 'apiKey',
      in: 'header',
      name: 'X-CSRF-Token',
      description: 'The csrfToken of the session; required on every state-changing request.',
    },
  },
  schemas,
  paths: {
    '/api/v1/moderate/login': {
      post: {
        summary:
          'Logs a moderator in: sets the session cookie and returns the CSRF token. Past MOD_LOGIN_ATTEMPTS failures from one address, each attempt waits longer (429 with Retry-After).',
        security: [],
        requestBody: {
          required: true,
          ...json(fromZod(loginBody)),
        },
        responses: {
          '200': {
            description: 'Logged in; Set-Cookie carries the session.',
            headers: { 'Set-Cookie': { schema: { type: 'string' } } },
            ...json(ref('ModeratorSession')),
          },
          ...refusals(
            'VALIDATION_FAILED',
            'INVALID_JSON',
            'UNAUTHENTICATED',
            'FORBIDDEN',
            'RATE_LIMITED',
            'BODY_TOO_LARGE',
            'UNSUPPORTED_MEDIA_TYPE',
            'BODY_ENCODING_INVALID',
          ),
        },
      },
    },
    '/api/v1/moderate/session': {
      get: apiOperation({
        summary: 'The logged-in moderator, the CSRF token and when the session expires.',
        ok: ['200', 'The session.', ref('ModeratorSession')],
      }),
    },
    '/api/v1/moderate/logout': {
      post: apiOperation({
        summary: 'Ends the session and clears its cookie.',
        isChanging: true,
        ok: ['204', 'Logged out.'],
      }),
    },
    '/api/v1/moderate/clusters': {
      get: apiOperation({
        summary:
          'Clusters of similar incoming claims asked within the last MOD_TRENDING_DAYS days, most active (or fastest growing) first.',
        parameters: queryParams(clustersQuery),
        ok: ['200', 'The clusters.', arrayOf('ClusterSummary')],
        refuses: ['VALIDATION_FAILED'],
      }),
    },
    '/api/v1/moderate/clusters/{id}': {
      get: apiOperation({
        summary: 'One cluster with its most recent claims.',
        parameters: [clusterId],
        ok: ['200', 'The cluster.', ref('ClusterSummary')],
        refuses: ['NOT_FOUND'],
      }),
    },
    '/api/v1/moderate/clusters/{id}/curated': {
      post: apiOperation({
        summary:
          'Saves a reviewed answer for the cluster and corrects every earlier asker who was told another verdict.',
        isChanging: true,
        parameters: [clusterId],
        body: fromZod(curatedBody),
        ok: [
          '201',
          'Saved, with how many corrections were sent.',
          {
            type: 'object',
            required: ['curated', 'corrections'],
            properties: { curated: ref('CuratedAnswer'), corrections: { type: 'integer' } },
          },
        ],
        refuses: ['NOT_FOUND', 'INDEX_NOT_READY'],
      }),
    },
    '/api/v1/moderate/search': {
      get: apiOperation({
        summary: 'Searches the knowledge base for passages to cite.',
        parameters: queryParams(searchQuery),
        ok: ['200', 'The best passages first.', arrayOf('SearchHit')],
        refuses: ['VALIDATION_FAILED', 'INDEX_NOT_READY'],
      }),
    },
    '/api/v1/moderate/feed': {
      get: apiOperation({
        summary:
          'The latest incoming claims, newest first, with verdicts and votes (live: the /moderate namespace).',
        parameters: queryParams(listQuery),
        ok: ['200', 'The claims.', arrayOf('FeedClaim')],
        refuses: ['VALIDATION_FAILED'],
      }),
    },
    '/api/v1/moderate/claims/{answerId}/image': {
      get: apiOperation({
        summary:
          'A thumbnail (WebP, at most 240 px) of the screenshot a claim came as, when screenshots are kept (KEEP_IMAGES).',
        parameters: [pathParam('answerId')],
        ok: ['200', 'The thumbnail (image/webp).'],
        refuses: ['NOT_FOUND'],
      }),
    },
    '/api/v1/moderate/feedback': {
      get: apiOperation({
        summary: 'Not-helpful votes of the last 30 days with their reasons, newest first.',
        parameters: queryParams(listQuery),
        ok: ['200', 'The feedback queue.', arrayOf('FeedbackItem')],
        refuses: ['VALIDATION_FAILED'],
      }),
    },
    '/api/v1/moderate/audit': {
      get: apiOperation({
        summary: 'The audit log of moderator actions, newest first.',
        parameters: queryParams(listQuery),
        ok: ['200', 'The entries.', arrayOf('AuditEntry')],
        refuses: ['VALIDATION_FAILED'],
      }),
    },
    '/api/v1/moderate/moderators': {
      get: apiOperation({
        summary: 'Every moderator account (admins only).',
        ok: ['200', 'The accounts.', arrayOf('Moderator')],
        refuses: ['FORBIDDEN'],
      }),
      post: apiOperation({
        summary: 'Creates a moderator account with a one-time password (admins only).',
        isChanging: true,
        body: fromZod(moderatorBody),
        ok: ['201', 'Created; the password is shown this once.', ref('OneTimePassword')],
        refuses: ['FORBIDDEN', 'CONFLICT'],
      }),
    },
    '/api/v1/moderate/moderators/{id}': {
      patch: apiOperation({
        summary:
          "Changes an account's role or disables / re-enables it (admins only); disabling ends its sessions. Refused when no admin able to log in would be left.",
        isChanging: true,
        parameters: [moderatorIdParam],
        // The schema's refinement (role or disabled) as JSON Schema says it.
        body: { ...fromZod(moderatorChanges), minProperties: 1 },
        ok: ['200', 'The account as it is now.', ref('Moderator')],
        refuses: ['FORBIDDEN', 'NOT_FOUND', 'CONFLICT'],
      }),
    },
    '/api/v1/moderate/moderators/{id}/password': {
      post: apiOperation({
        summary: 'Gives an account a new one-time password and ends its sessions (admins only).',
        isChanging: true,
        parameters: [moderatorIdParam],
        ok: ['200', 'The new password, shown this once.', ref('OneTimePassword')],
        refuses: ['FORBIDDEN', 'NOT_FOUND'],
      }),
    },
    '/api/v1/moderate/password': {
      post: apiOperation({
        summary:
          "Changes the logged-in moderator's own password (12 to 256 characters); their other sessions end.",
        isChanging: true,
        body: fromZod(passwordBody),
        ok: ['204', 'Changed.'],
        refuses: ['FORBIDDEN'],
      }),
    },
    '/moderate/documents': {
      get: moderatorOperation({
        summary: "The admins' uploaded documents (admins only).",
        ok: ['200', 'The documents.', arrayOf('UploadedDocument')],
        refuses: ['FORBIDDEN'],
      }),
    },
    '/moderate/documents/{name}': {
      put: {
        ...moderatorOperation({
          summary:
            'Uploads (or replaces) a document and ingests it in the background (admins only).',
          isChanging: true,
          parameters: [documentName],
          ok: ['202', 'Stored; ingest started.', ref('IngestJob')],
          refuses: [
            'FORBIDDEN',
            'SOURCE_UNSUPPORTED',
            'SOURCE_TOO_LARGE',
            'SOURCE_BINARY',
            'SOURCE_INVALID_UTF8',
            'SOURCE_MALFORMED',
          ],
        }),
        requestBody: {
          required: true,
          description: 'The raw file: Markdown, text, HTML or JSON Lines in UTF-8.',
          content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
        },
      },
      delete: moderatorOperation({
        summary: 'Removes a document and takes it out of the index (admins only).',
        isChanging: true,
        parameters: [documentName],
        ok: ['202', 'Removed; the index update started.', ref('IngestJob')],
        refuses: ['FORBIDDEN', 'DOCUMENT_NOT_FOUND'],
      }),
    },
    '/moderate': {
      get: {
        summary: 'The moderator console (logs in, then shows the feed, clusters and reviews).',
        responses: { '200': html('HTML.') },
      },
    },
    '/console.js': {
      get: {
        summary: 'The console script, from the client build.',
        responses: { '200': { description: 'JavaScript.' } },
      },
    },
  },
};
