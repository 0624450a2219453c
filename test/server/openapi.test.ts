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
