import {
  answerIdParam,
  answerPageIdParam,
  checkBody,
  coreSchemas,
  docIdParam,
  feedbackBody,
  spanQuery,
  stanceBody,
} from './http/schemas.js';
import {
  componentsOf,
  error,
  fromZod,
  json,
  pathParams,
  queryParams,
  ref,
  type OpenApiFragment,
  type OpenApiObject,
} from './openapi-parts.js';

const refusals = {
  '400': error,
  '401': error,
  '404': error,
  '413': error,
  '429': error,
  '503': error,
};
const body = (schema: Parameters<typeof fromZod>[0]) => ({
  required: true,
  ...json(fromZod(schema)),
});

/** The core routes: checks, stored answers and votes, sources, health, metrics, the widget. */
const coreFragment: OpenApiFragment = {
  securitySchemes: {
    bearer: { type: 'http', scheme: 'bearer' },
    apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
  },
  schemas: componentsOf(coreSchemas),
  paths: {
    '/healthz': {
      get: { summary: 'The process is up.', responses: { '200': { description: 'Up.' } } },
    },
    '/readyz': {
      get: {
        summary: 'The knowledge index is loaded and claims are answered.',
        responses: { '200': { description: 'Ready.' }, '503': error },
      },
    },
    '/metrics': {
      get: {
        summary: 'Prometheus metrics.',
        responses: { '200': { description: 'Text exposition format.' } },
      },
    },
    '/api/openapi.json': {
      get: { summary: 'This document.', responses: { '200': { description: 'OpenAPI 3.1.' } } },
    },
    '/': {
      get: {
        summary: 'Demo page with the chat widget.',
        responses: { '200': { description: 'HTML.' } },
      },
    },
    '/widget.js': {
      get: {
        summary:
          'The embeddable widget: <script src="/widget.js" data-server="https://host" async>.',
        responses: { '200': { description: 'JavaScript.' } },
      },
    },
    '/api/v1/check': {
      post: {
        summary: 'Checks a claim and stores the answer.',
        security: [{}, { bearer: [] }, { apiKey: [] }],
        requestBody: body(checkBody),
        responses: {
          '200': { description: 'The check result.', ...json(ref('CheckResult')) },
          ...refusals,
          '415': error,
        },
      },
    },
    '/api/v1/stance': {
      post: {
        summary:
          'The stance of an evidence text toward a claim (the model the checks use; nothing is stored).',
        security: [{}, { bearer: [] }, { apiKey: [] }],
        requestBody: body(stanceBody),
        responses: {
          '200': { description: 'The stance and its confidence.', ...json(ref('StanceResult')) },
          ...refusals,
          '415': error,
        },
      },
    },
    '/api/v1/answers/{id}': {
      get: {
        summary: 'A stored answer.',
        parameters: pathParams({ id: answerIdParam }),
        responses: {
          '200': {
            description: 'The answer as given, with when, the index version and feedback counts.',
            ...json(ref('StoredAnswer')),
          },
          ...refusals,
        },
      },
    },
    '/api/v1/answers/{id}/feedback': {
      post: {
        summary:
          'Votes an answer helpful or not; voting again replaces the vote. One voter per client token (else per API key, else per address); at most VOTE_VOTERS_PER_ADDRESS voters per address and answer (429 VOTE_LIMIT_REACHED).',
        parameters: [
          ...pathParams({ id: answerIdParam }),
          {
            name: 'X-Client-Token',
            in: 'header',
            required: false,
            description:
              'The token the /chat namespace sent this client (`client:token`); a forged one is 401 CLIENT_TOKEN_INVALID.',
            schema: { type: 'string', maxLength: 300 },
          },
        ],
        requestBody: body(feedbackBody),
        responses: {
          '201': { description: 'Recorded.', ...json(ref('FeedbackRecorded')) },
          ...refusals,
          '415': error,
        },
      },
    },
    '/api/v1/sources/{docId}': {
      get: {
        summary:
          'A cited span with its surrounding paragraph and article title ("view in source").',
        parameters: [...pathParams({ docId: docIdParam }), ...queryParams(spanQuery)],
        responses: {
          '200': { description: 'The span in context.', ...json(ref('SourceContext')) },
          ...refusals,
        },
      },
    },
    '/a/{answerId}': {
      get: {
        summary:
          'The shareable answer page: claim, verdict, citations in context, review status, ClaimReview JSON-LD and Open Graph tags.',
        parameters: pathParams({ answerId: answerPageIdParam }),
        responses: {
          '200': { description: 'HTML.', content: { 'text/html': { schema: { type: 'string' } } } },
          '404': error,
        },
      },
    },
  },
};

/** The document's head; components and paths come from the fragments. */
const HEAD = {
  openapi: '3.1.0',
  info: {
    title: 'factcheck',
    version: '1',
    description:
      'Checks claims against a trusted document collection. Anonymous callers are rate limited per IP; an API key (`Authorization: Bearer <key>` or `X-API-Key`, made with `factcheck keys create <name>`) lifts the limit. Every refusal is a 4xx/5xx with `{ "error": { "code", "message" } }`.',
  },
};

/** Builds the document from the core's fragment and those the plugins add. */
export interface OpenApiRegistry {
  /** Adds a plugin's paths and components; a path, method or component defined twice throws. */
  add(fragment: OpenApiFragment): void;
  /** The OpenAPI 3.1 document of everything added so far. */
  document(): OpenApiObject;
}

export function createOpenApiRegistry(): OpenApiRegistry {
  const paths: OpenApiFragment['paths'] = {};
  const schemas: Record<string, OpenApiObject> = {};
  const securitySchemes: Record<string, OpenApiObject> = {};
  const addAll = (
    what: string,
    into: Record<string, OpenApiObject>,
    from: Record<string, OpenApiObject> = {},
  ) => {
    for (const [name, value] of Object.entries(from)) {
      if (name in into) throw new Error(`OpenAPI: ${what} ${name} is defined twice`);
      into[name] = value;
    }
  };
  const registry: OpenApiRegistry = {
    add(fragment) {
      for (const [path, item] of Object.entries(fragment.paths)) {
        const existing = (paths[path] ??= {});
        addAll(`${path}:`, existing as Record<string, OpenApiObject>, item);
      }
      addAll('schema', schemas, fragment.schemas);
      addAll('security scheme', securitySchemes, fragment.securitySchemes);
    },
    document() {
      return {
        ...HEAD,
        components: {
          securitySchemes,
          responses: {
            Error: { description: 'A refusal with a stable code.', ...json(ref('Error')) },
          },
          schemas,
        },
        paths,
      };
    },
  };
  registry.add(coreFragment);
  return registry;
}
