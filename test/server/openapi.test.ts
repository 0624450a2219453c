import { z } from 'zod';
import {
  checkResult,
  coreSchemas,
  errorBody,
  feedbackRecorded,
  sourceContext,
  stanceResult,
  storedAnswer,
} from '../../src/server/http/schemas.js';
import {
  clusterSummary,
  moderationSchemas,
  moderatorSession,
} from '../../src/server/moderate/schemas.js';
import { componentsOf } from '../../src/server/openapi-parts.js';
import {
  postLogin,
  startModerationServer,
  type ModerationTestServer,
} from '../moderation/support/moderation-server.js';
import { defaultPlugins } from '../../src/server/plugins.js';
import type { Checker } from '../../src/verdict/checker-types.js';
import { startFakeTelegram, type FakeTelegram } from '../bots/support/fake-telegram.js';
import { documentedRoutes, servedRoutes } from './support/routes.js';
import { startTestServer, type TestServer } from './support/test-server.js';

/** The Telegram webhook's path carries this secret; the document names that segment {secret}. */
const SECRET = 'openapi-test-secret';
const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace']);

type Json = Record<string, unknown>;
interface Response {
  description?: string;
  content?: Record<string, { schema?: Json }>;
}
interface Operation {
  parameters?: { name: string; in: string; required?: boolean }[];
  responses?: Record<string, Response & { $ref?: string }>;
  security?: Record<string, string[]>[];
}
interface Document {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, Operation>>;
  components: { securitySchemes: Record<string, Json> };
}

/** Every `$ref` anywhere in a JSON value. */
function refsIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refsIn);
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, v]) =>
    key === '$ref' && typeof v === 'string' ? [v] : refsIn(v),
  );
}

/** What a local JSON pointer (`#/a/b`) points at in the document, or undefined. */
function resolve(doc: unknown, pointer: string): unknown {
  if (!pointer.startsWith('#/')) return undefined;
  return pointer
    .slice(2)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>(
      (node, part) =>
        node !== null && typeof node === 'object' ? (node as Json)[part] : undefined,
      doc,
    );
}

const operations = (doc: Document) =>
  Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({ path, method, op })),
  );

describe('the OpenAPI document of the full app (moderation, bots, answer pages)', () => {
  let tg: FakeTelegram;
  let t: TestServer;
  let doc: Document;

  beforeAll(async () => {
    tg = await startFakeTelegram();
    // The checker never loads: routes and their documentation do not depend on the index.
    t = await startTestServer(
      new Promise<Checker>(() => undefined),
      {
        TELEGRAM_BOT_TOKEN: '1:TEST',
        TELEGRAM_MODE: 'webhook',
        TELEGRAM_API_ROOT: tg.apiRoot,
        TELEGRAM_WEBHOOK_SECRET: SECRET,
      },
      defaultPlugins,
    );
    const res = await fetch(`${t.url}/api/openapi.json`);
    expect(res.status).toBe(200);
    doc = (await res.json()) as Document;
  });

  afterAll(async () => {
    await t?.close();
    await tg?.close();
  });

  it('documents every route the app mounts, at any router depth, and nothing else', () => {
    const served = servedRoutes(t.server.app).map((r) =>
      r.replace(`/bots/telegram/${SECRET}`, '/bots/telegram/{secret}'),
    );
    // The walk reaches the plugin's nested routers, not just the app's own routes.
    expect(served).toEqual(
      expect.arrayContaining([
        'POST /api/v1/moderate/login',
        'POST /api/v1/moderate/clusters/{id}/curated',
        'PUT /moderate/documents/{name}',
        'POST /bots/webhook/{name}/claims',
        'POST /bots/telegram/{secret}',
        'GET /a/{answerId}',
      ]),
    );
    expect(documentedRoutes(doc)).toEqual(served);
  });

  it('is structurally valid OpenAPI 3.1: refs resolve, operations have responses and their path parameters', () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(typeof doc.info.title).toBe('string');
    expect(typeof doc.info.version).toBe('string');

    const unresolved = refsIn(doc).filter((r) => resolve(doc, r) === undefined);
    expect(unresolved).toEqual([]);

    const problems: string[] = [];
    for (const { path, method, op } of operations(doc)) {
      const where = `${method.toUpperCase()} ${path}`;
      if (!path.startsWith('/')) problems.push(`${where}: path does not start with /`);
      if (!METHODS.has(method)) problems.push(`${where}: not an HTTP method`);
      const responses = Object.entries(op.responses ?? {});
      if (responses.length === 0) problems.push(`${where}: no responses`);
      for (const [status, given] of responses) {
        // A response may be a reference to a shared one (components/responses).
        const response = (given.$ref ? resolve(doc, given.$ref) : given) as Response;
        if (!/^([1-5]\d\d|default)$/.test(status)) problems.push(`${where}: status ${status}`);
        if (!response.description) problems.push(`${where} ${status}: no description`);
        const schema = response.content?.['application/json']?.schema;
        // Every JSON refusal has the one error shape.
        if (Number(status) >= 400 && schema && schema.$ref !== '#/components/schemas/Error')
          problems.push(`${where} ${status}: a JSON refusal not in the Error shape`);
      }
      const templated = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      const declared = (op.parameters ?? []).filter((p) => p.in === 'path');
      if (
        JSON.stringify(declared.map((p) => p.name).sort()) !== JSON.stringify(templated) ||
        declared.some((p) => p.required !== true)
      )
        problems.push(`${where}: path parameters do not match the template`);
      for (const requirement of op.security ?? []) {
        for (const name of Object.keys(requirement)) {
          if (!(name in doc.components.securitySchemes))
            problems.push(`${where}: unknown security scheme ${name}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('refuses each session-secured operation without a session, with the documented 401', async () => {
    const secured = operations(doc).filter(({ op }) =>
      op.security?.some((s) => 'moderatorSession' in s),
    );
    expect(secured.length).toBeGreaterThan(10);
    for (const { path, method, op } of secured) {
      const url = `${t.url}${path.replace(/\{(\w+)\}/g, 'x1.md')}`;
      const res = await fetch(url, { method: method.toUpperCase() });
      const body = (await res.json()) as { error?: { code: string } };
      expect({ route: `${method} ${path}`, status: res.status, code: body.error?.code }).toEqual({
        route: `${method} ${path}`,
        status: 401,
        code: 'UNAUTHENTICATED',
      });
      expect(op.responses).toHaveProperty('401');
      // A state change also names the CSRF token it needs.
      if (method !== 'get')
        expect(op.security).toContainEqual({ moderatorSession: [], csrfToken: [] });
    }
  });
});

/** What the stub checker cites: a span of a made-up document, quoted exactly. */
const SOURCE_TEXT = 'Coffee contains acrylamide, but a person would need 318 cups a day.';
const SPAN = { docId: 'doc-1', title: 'Coffee', source: 'coffee.md', start: 0, end: 26 };
const QUOTE = SOURCE_TEXT.slice(SPAN.start, SPAN.end);

/** A checker with fixed answers: the routes, their serialisation and refusals are the real ones. */
const stubChecker: Checker = {
  check: async (claim) => ({
    claim,
    verdict: 'REFUTED',
    confidence: 0.8,
    answer: 'No [1].',
    citations: [{ n: 1, ...SPAN, quote: QUOTE, score: 0.9, stance: 'refutes' }],
  }),
  stance: async () =>
    ({ stance: 'refutes', confidence: 0.7 }) as Awaited<ReturnType<Checker['stance']>>,
  sourceContext: async (docId, start, end) =>
    docId === SPAN.docId
      ? {
          ...SPAN,
          start,
          end,
          quote: SOURCE_TEXT.slice(start, end),
          context: { start: 0, end: SOURCE_TEXT.length, text: SOURCE_TEXT },
        }
      : undefined,
  features: () => Promise.reject(new Error('not used')),
  pairFeatures: () => Promise.reject(new Error('not used')),
  search: () => Promise.reject(new Error('not used')),
  embed: () => Promise.reject(new Error('not used')),
  passages: [],
  indexVersion: 'stub-1',
  close: async () => undefined,
};

/** The zod schemas behind the core document's components, by component name. */
const RESPONSE_SCHEMAS: Record<string, z.ZodType> = {
  CheckResult: checkResult,
  StoredAnswer: storedAnswer,
  StanceResult: stanceResult,
  FeedbackRecorded: feedbackRecorded,
  SourceContext: sourceContext,
  Error: errorBody,
};

describe('the core API answers in the shapes its OpenAPI document lists', () => {
  let t: TestServer;
  let doc: Document & { components: { schemas: Record<string, Json> } };

  beforeAll(async () => {
    t = await startTestServer(stubChecker);
    doc = (await (await fetch(`${t.url}/api/openapi.json`)).json()) as typeof doc;
  });
  afterAll(async () => {
    await t?.close();
  });

  /** The component the document names for this response, and the zod schema it was made from. */
  function documentedSchema(method: string, path: string, status: number) {
    let response = doc.paths[path]?.[method]?.responses?.[String(status)];
    if (response?.$ref) response = resolve(doc, response.$ref) as typeof response;
    const ref = response?.content?.['application/json']?.schema?.$ref;
    const name = typeof ref === 'string' ? ref.replace('#/components/schemas/', '') : '';
    const schema = RESPONSE_SCHEMAS[name];
    if (!schema) throw new Error(`${method} ${path} ${status}: no documented schema (${name})`);
    // The document's component is the JSON Schema of that very zod schema.
    expect(doc.components.schemas[name]).toEqual(componentsOf(coreSchemas)[name]);
    return schema;
  }

  async function call(method: string, path: string, docPath: string, body?: unknown) {
    const res = await fetch(`${t.url}${path}`, {
      method: method.toUpperCase(),
      ...(body === undefined
        ? {}
        : { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
    });
    const json: unknown = await res.json();
    const parsed = documentedSchema(method, docPath, res.status).safeParse(json);
    expect({ status: res.status, issues: parsed.error?.issues ?? [] }).toEqual({
      status: res.status,
      issues: [],
    });
    return { status: res.status, json: json as Json };
  }

  it('checks, reads back, votes, takes a stance and shows a source in the documented shapes', async () => {
    const checked = await call('post', '/api/v1/check', '/api/v1/check', { claim: 'Coffee?' });
    expect(checked.status).toBe(200);
    const id = String(checked.json.answerId);
    expect((await call('get', `/api/v1/answers/${id}`, '/api/v1/answers/{id}')).status).toBe(200);
    const voted = await call(
      'post',
      `/api/v1/answers/${id}/feedback`,
      '/api/v1/answers/{id}/feedback',
      { helpful: true },
    );
    expect(voted.status).toBe(201);
    const stance = await call('post', '/api/v1/stance', '/api/v1/stance', {
      claim: 'Coffee causes cancer',
      evidence: QUOTE,
    });
    expect(stance.status).toBe(200);
    const source = await call(
      'get',
      `/api/v1/sources/${SPAN.docId}?start=0&end=6`,
      '/api/v1/sources/{docId}',
    );
    expect(source.status).toBe(200);
  });

  it('refuses with the documented error shape: 400 VALIDATION_FAILED and 404 ANSWER_NOT_FOUND', async () => {
    const invalid = await call('post', '/api/v1/check', '/api/v1/check', { claim: 5 });
    expect([invalid.status, (invalid.json.error as Json).code]).toEqual([400, 'VALIDATION_FAILED']);
    const missing = await call('get', '/api/v1/answers/nope', '/api/v1/answers/{id}');
    expect([missing.status, (missing.json.error as Json).code]).toEqual([404, 'ANSWER_NOT_FOUND']);
  });

  it('has response schemas that refuse a body out of shape', () => {
    const good = { claim: 'c', verdict: 'REFUTED', confidence: 0.5, answer: 'a', citations: [] };
    expect(checkResult.safeParse({ ...good, answerId: 'x' }).success).toBe(true);
    expect(checkResult.safeParse({ ...good, answerId: 'x', verdict: 'TRUE' }).success).toBe(false);
    expect(checkResult.safeParse(good).success).toBe(false);
    expect(errorBody.safeParse({ error: { code: 'NO_SUCH_CODE', message: 'm' } }).success).toBe(
      false,
    );
  });
});

describe('the moderation API answers in the shapes its OpenAPI document lists', () => {
  let s: ModerationTestServer;
  let doc: Document & { components: { schemas: Record<string, Json> } };

  beforeAll(async () => {
    s = await startModerationServer({ checker: stubChecker });
    doc = (await (await fetch(`${s.url}/api/openapi.json`)).json()) as typeof doc;
  });
  afterAll(async () => {
    await s?.close();
  });

  /** The zod schema of the component a 200 names (`$ref` or an array of one), checked generated. */
  function documented(method: string, path: string): z.ZodType {
    const schema = doc.paths[path]?.[method]?.responses?.['200']?.content?.['application/json']
      ?.schema as { $ref?: string; items?: { $ref?: string } } | undefined;
    const ref = schema?.$ref ?? schema?.items?.$ref ?? '';
    const name = ref.replace('#/components/schemas/', '');
    const zod = ({ ModeratorSession: moderatorSession, ClusterSummary: clusterSummary } as const)[
      name as 'ModeratorSession' | 'ClusterSummary'
    ];
    if (!zod) throw new Error(`${method} ${path}: no documented schema (${name})`);
    expect(doc.components.schemas[name]).toEqual(
      componentsOf(moderationSchemas, coreSchemas)[name],
    );
    return schema?.items ? z.array(zod) : zod;
  }

  it('logs in, reads the session and lists clusters in the documented shapes', async () => {
    const { password } = await s.module.accounts.add('openapi', 'moderator');
    const res = await postLogin(s.url, 'openapi', password);
    expect(res.status).toBe(200);
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
    expect(documented('post', '/api/v1/moderate/login').safeParse(await res.json()).error).toBe(
      undefined,
    );
    for (const path of ['/api/v1/moderate/session', '/api/v1/moderate/clusters']) {
      const got = await fetch(`${s.url}${path}`, { headers: { cookie } });
      expect([path, got.status]).toEqual([path, 200]);
      expect(documented('get', path).safeParse(await got.json()).error).toBe(undefined);
    }
  });
});
