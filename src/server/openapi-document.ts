import { ERROR_CODES } from '../errors.js';
import { STANCES, VERDICTS } from '../types.js';
import {
  error,
  json,
  pathParam,
  ref,
  type OpenApiFragment,
  type OpenApiObject,
} from './openapi-parts.js';

const answerIdParam = pathParam('id', { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' });
const refusals = {
  '400': error,
  '401': error,
  '404': error,
  '413': error,
  '429': error,
  '503': error,
};

/** The core routes: checks, stored answers and votes, sources, health, metrics, the widget. */
const coreFragment: OpenApiFragment = {
  securitySchemes: {
    bearer: { type: 'http', scheme: 'bearer' },
    apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
  },
  schemas: {
    Error: {
      type: 'object',
      required: ['error'],
      properties: {
        error: {
          type: 'object',
          required: ['code', 'message'],
          properties: {
            code: { type: 'string', enum: Object.keys(ERROR_CODES) },
            message: { type: 'string' },
          },
        },
      },
    },
    Citation: {
      allOf: [
        ref('QuotedSpan'),
        {
          type: 'object',
          required: ['n', 'score', 'stance'],
          properties: {
            n: { type: 'integer' },
            score: { type: 'number' },
            stance: ref('Stance'),
          },
        },
      ],
    },
    CheckResult: {
      type: 'object',
      required: ['claim', 'verdict', 'confidence', 'answer', 'citations', 'answerId'],
      properties: {
        claim: { type: 'string' },
        verdict: { type: 'string', enum: [...VERDICTS] },
        confidence: { type: 'number', minimum: 0, maximum: 1 },
        answer: { type: 'string', description: '[n] markers refer to citations[].n.' },
        citations: { type: 'array', items: ref('Citation') },
        answerId: { type: 'string' },
      },
      additionalProperties: true,
    },
    Stance: { type: 'string', enum: [...STANCES] },
    QuotedSpan: {
      type: 'object',
      description: 'A span of a knowledge document; quote is exactly its source slice.',
      required: ['docId', 'title', 'source', 'start', 'end', 'quote'],
      properties: {
        docId: { type: 'string' },
        title: { type: 'string' },
        source: { type: 'string', description: 'Path relative to the knowledge folder.' },
        start: { type: 'integer', description: 'UTF-16 index into the source text.' },
        end: { type: 'integer' },
        quote: { type: 'string', description: 'Exactly sourceText.slice(start, end).' },
      },
    },
    FeedbackCounts: {
      type: 'object',
      properties: { helpful: { type: 'integer' }, notHelpful: { type: 'integer' } },
    },
  },
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
        requestBody: {
          required: true,
          ...json({
            type: 'object',
            required: ['claim'],
            properties: { claim: { type: 'string', minLength: 1, maxLength: 2000 } },
          }),
        },
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
        requestBody: {
          required: true,
          ...json({
            type: 'object',
            required: ['claim', 'evidence'],
            properties: {
              claim: { type: 'string', minLength: 1, maxLength: 2000 },
              evidence: { type: 'string', minLength: 1, maxLength: 20000 },
            },
          }),
        },
        responses: {
          '200': {
            description: 'The stance and its confidence.',
            ...json({
              type: 'object',
              required: ['stance', 'confidence'],
              properties: {
                stance: ref('Stance'),
                confidence: { type: 'number', minimum: 0, maximum: 1 },
              },
            }),
          },
          ...refusals,
          '415': error,
        },
      },
    },
    '/api/v1/answers/{id}': {
      get: {
        summary: 'A stored answer.',
        parameters: [answerIdParam],
        responses: {
          '200': {
            description: 'The answer as given, with when, the index version and feedback counts.',
            ...json({
              allOf: [
                ref('CheckResult'),
                {
                  type: 'object',
                  properties: {
                    createdAt: { type: 'string', format: 'date-time' },
                    indexVersion: { type: 'string' },
                    feedback: ref('FeedbackCounts'),
                  },
                },
              ],
            }),
          },
          ...refusals,
        },
      },
    },
    '/api/v1/answers/{id}/feedback': {
      post: {
        summary: 'Votes an answer helpful or not; voting again replaces the vote.',
        parameters: [answerIdParam],
        requestBody: {
          required: true,
          ...json({
            type: 'object',
            required: ['helpful'],
            properties: {
              helpful: { type: 'boolean' },
              reason: { type: 'string', maxLength: 1000 },
            },
          }),
        },
        responses: {
          '201': {
            description: 'Recorded.',
            ...json({
              type: 'object',
              properties: { answerId: { type: 'string' }, feedback: ref('FeedbackCounts') },
            }),
          },
          ...refusals,
          '415': error,
        },
      },
    },
    '/api/v1/sources/{docId}': {
      get: {
        summary:
          'A cited span with its surrounding paragraph and article title ("view in source").',
        parameters: [
          { name: 'docId', in: 'path', required: true, schema: { type: 'string' } },
          { name: 'start', in: 'query', required: true, schema: { type: 'integer', minimum: 0 } },
          { name: 'end', in: 'query', required: true, schema: { type: 'integer', minimum: 1 } },
        ],
        responses: {
          '200': {
            description: 'The span in context.',
            ...json({
              allOf: [
                ref('QuotedSpan'),
                {
                  type: 'object',
                  required: ['context'],
                  properties: {
                    context: {
                      type: 'object',
                      properties: {
                        start: { type: 'integer' },
                        end: { type: 'integer' },
                        text: { type: 'string' },
                      },
                    },
                  },
                },
              ],
            }),
          },
          ...refusals,
        },
      },
    },
    '/a/{answerId}': {
      get: {
        summary:
          'The shareable answer page: claim, verdict, citations in context, review status, ClaimReview JSON-LD and Open Graph tags.',
        parameters: [pathParam('answerId', { type: 'string', pattern: '^[A-Za-z0-9_-]{1,100}$' })],
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
