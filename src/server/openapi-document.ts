import { ERROR_CODES } from '../errors.js';

/** OpenAPI 3.1 description of the REST API; a test checks it against the app's routes. */
const error = { $ref: '#/components/responses/Error' };
const json = (schema: object) => ({ content: { 'application/json': { schema } } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const answerIdParam = {
  name: 'id',
  in: 'path',
  required: true,
  schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' },
};
const refusals = {
  '400': error,
  '401': error,
  '404': error,
  '413': error,
  '429': error,
  '503': error,
};

export const openApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'factcheck',
    version: '1',
    description:
      'Checks claims against a trusted document collection. Anonymous callers are rate limited per IP; an API key (`Authorization: Bearer <key>` or `X-API-Key`, made with `factcheck keys create <name>`) lifts the limit. Every refusal is a 4xx/5xx with `{ "error": { "code", "message" } }`.',
  },
  components: {
    securitySchemes: {
      bearer: { type: 'http', scheme: 'bearer' },
      apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
    },
    responses: { Error: { description: 'A refusal with a stable code.', ...json(ref('Error')) } },
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
        type: 'object',
        required: ['n', 'docId', 'title', 'source', 'start', 'end', 'quote', 'score', 'stance'],
        properties: {
          n: { type: 'integer' },
          docId: { type: 'string' },
          title: { type: 'string' },
          source: { type: 'string', description: 'Path relative to the knowledge folder.' },
          start: { type: 'integer', description: 'UTF-16 index into the source text.' },
          end: { type: 'integer' },
          quote: { type: 'string', description: 'Exactly sourceText.slice(start, end).' },
          score: { type: 'number' },
          stance: { type: 'string', enum: ['supports', 'refutes', 'neutral'] },
        },
      },
      CheckResult: {
        type: 'object',
        required: ['claim', 'verdict', 'confidence', 'answer', 'citations', 'answerId'],
        properties: {
          claim: { type: 'string' },
          verdict: { type: 'string', enum: ['SUPPORTED', 'REFUTED', 'NOT_ENOUGH_INFO'] },
          confidence: { type: 'number', minimum: 0, maximum: 1 },
          answer: { type: 'string', description: '[n] markers refer to citations[].n.' },
          citations: { type: 'array', items: ref('Citation') },
          answerId: { type: 'string' },
        },
        additionalProperties: true,
      },
      FeedbackCounts: {
        type: 'object',
        properties: { helpful: { type: 'integer' }, notHelpful: { type: 'integer' } },
      },
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
              type: 'object',
              required: ['docId', 'title', 'source', 'start', 'end', 'quote', 'context'],
              properties: {
                docId: { type: 'string' },
                title: { type: 'string' },
                source: { type: 'string' },
                start: { type: 'integer' },
                end: { type: 'integer' },
                quote: { type: 'string' },
                context: {
                  type: 'object',
                  properties: {
                    start: { type: 'integer' },
                    end: { type: 'integer' },
                    text: { type: 'string' },
                  },
                },
              },
            }),
          },
          ...refusals,
        },
      },
    },
  },
} as const;
