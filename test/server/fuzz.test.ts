import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { io as connect, type Socket } from 'socket.io-client';
import { ERROR_CODES } from '../../src/errors.js';
import type { Checker } from '../../src/verdict/checker-types.js';
import {
  login,
  startModerationServer,
  type ModerationTestServer,
} from '../moderation/support/moderation-server.js';
import { servedRoutes } from './support/routes.js';

/**
 * Property-based fuzzing of the request path: every HTTP route the app mounts and every socket
 * event, fed arbitrary bodies, wrong types, huge strings, odd unicode, wrong content types and bad
 * credentials. Each case must get a valid result or a coded 4xx (never a 5xx, never a hang) and
 * leave the server live. The checker answers at once: the target is the request path, not verdicts.
 */

const SEED = 20261204;
/** Per request or acknowledgement: a case slower than this is a hang. */
const CASE_TIMEOUT_MS = 10_000;

const stubChecker: Checker = {
  check: async (claim) => ({
    claim,
    verdict: 'REFUTED',
    confidence: 0.8,
    answer: 'No [1].',
    citations: [
      {
        n: 1,
        docId: 'doc-1',
        title: 'Coffee',
        source: 'coffee.md',
        start: 0,
        end: 6,
        quote: 'Coffee',
        score: 0.9,
        stance: 'refutes',
      },
    ],
  }),
  stance: async () =>
    ({ stance: 'refutes', confidence: 0.7 }) as Awaited<ReturnType<Checker['stance']>>,
  sourceContext: async () => undefined,
  features: () => Promise.reject(new Error('not used')),
  pairFeatures: () => Promise.reject(new Error('not used')),
  // Moderators' citation search and clustering reach these: they answer, empty but valid.
  search: async () => [],
  embed: async () => new Float32Array(8),
  passages: [],
  indexVersion: 'fuzz-1',
  close: async () => undefined,
};

type Auth = 'none' | 'moderator' | 'forged-cookie' | 'no-csrf' | 'bad-bearer' | 'bad-basic';

interface HttpCase {
  route: string;
  param: string;
  query: string;
  auth: Auth;
  contentType: string | null;
  gzipHeader: boolean;
  body: string;
}

/** Strings a careless or hostile client sends: control and format characters, lone surrogates. */
const oddUnicode = fc.constantFrom(
  '\u0000',
  '\uD800',
  '\uDFFF',
  '\u202E',
  '\u200B',
  '\uFEFF',
  '\u0007',
  'e\u0301',
  '👩‍👩‍👧‍👦',
  '%00',
  '../..',
  '<script>alert(1)</script>',
  '\r\nX-Injected: 1',
);
/** Short text, for URLs: Node's HTTP parser answers 431 (no body) past 16 KB of URL and headers. */
const shortText = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }),
  fc.array(oddUnicode, { maxLength: 8 }).map((parts) => parts.join('')),
);
const text = fc.oneof(
  shortText,
  fc
    .tuple(fc.constantFrom('a', 'é', '\u0000', '💥'), fc.constantFrom(2001, 20_001, 70_000))
    .map(([c, n]) => c.repeat(n)),
);
/** Any JSON value, strings included, under the keys the routes read and some they do not. */
const jsonish = fc.oneof(fc.jsonValue({ maxDepth: 3 }), text, fc.constant(null));
const fieldsBody = fc.dictionary(
  fc.constantFrom(
    'claim',
    'evidence',
    'helpful',
    'name',
    'password',
    'currentPassword',
    'newPassword',
    'role',
    'disabled',
    'verdict',
    'answer',
    'citations',
    'text',
    'callbackUrl',
    '__proto__',
    'constructor',
  ),
  jsonish,
  { maxKeys: 5 },
);
const body = fc.oneof(
  fieldsBody.map((o) => JSON.stringify(o)),
  jsonish.map((v) => JSON.stringify(v) ?? ''),
  text,
  fc.constantFrom('{"claim": "unterminated', '{"claim":"a"}{', '', 'null', '\u0000', '{"a":1e999}'),
  fc.nat(64).map((n) => '['.repeat(n * 100) + ']'.repeat(n * 100)),
);
const contentType = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  'multipart/form-data',
  'application/octet-stream',
  'image/png',
  null,
);

/** Every byte as %XX: lone surrogates (which encodeURIComponent refuses) go out as U+FFFD. */
const percentEncoded = (value: string): string =>
  [...Buffer.from(value)].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');

async function withTimeout<T>(what: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what}: no answer within ${CASE_TIMEOUT_MS} ms`)),
      CASE_TIMEOUT_MS,
    );
  });
  try {
    return await Promise.race([work, hang]);
  } finally {
    clearTimeout(timer);
  }
}

/** A refusal in the public shape, with a code the service knows and that code's status. */
function expectCoded(status: number, payload: unknown, what: string): void {
  const error = (payload as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  const code = typeof error?.code === 'string' ? error.code : '';
  if (!Object.hasOwn(ERROR_CODES, code) || typeof error?.message !== 'string')
    throw new Error(`${what}: ${status} without a known error code: ${JSON.stringify(payload)}`);
  const expected = ERROR_CODES[code as keyof typeof ERROR_CODES].status;
  if (status !== expected) throw new Error(`${what}: ${code} came with ${status}, not ${expected}`);
}

describe('fuzzing the request path', () => {
  let s: ModerationTestServer;
  let answerId: string;
  let password: string;
  let session: { cookie: string; csrfToken: string } | undefined;
  let knowledgeDir: string;

  beforeAll(async () => {
    knowledgeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'factcheck-fuzz-knowledge-'));
    s = await startModerationServer({
      checker: stubChecker,
      env: {
        // Uploads (refused here: the session is a moderator's) could only land in a temp folder.
        KNOWLEDGE_DIR: knowledgeDir,
        // Rate limits answer with a coded 429 too, but would stop the fuzzing reaching the routes.
        RATE_ANON_PER_MINUTE: '1000000',
        RATE_SOCKET_CLAIMS_PER_MINUTE: '1000000',
      },
    });
    ({ password } = await s.module.accounts.add('fuzzer', 'moderator'));
    const checked = await fetch(`${s.url}/api/v1/check`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ claim: 'Coffee causes cancer' }),
    });
    answerId = ((await checked.json()) as { answerId: string }).answerId;
  });
  afterAll(async () => {
    await s?.close();
    fs.rmSync(knowledgeDir, { recursive: true, force: true });
  });

  /** The moderator's session; the fuzzer may log it out (or lock it), so it is renewed when gone. */
  async function moderatorSession(): Promise<{ cookie: string; csrfToken: string } | undefined> {
    if (session) {
      const res = await fetch(`${s.url}/api/v1/moderate/session`, {
        headers: { cookie: session.cookie },
      });
      if (res.status === 200) return session;
    }
    session = await login(s.url, 'fuzzer', password).catch(() => undefined);
    return session;
  }

  async function expectLive(what: string): Promise<void> {
    const res = await withTimeout(`${what} then /healthz`, fetch(`${s.url}/healthz`));
    if (res.status !== 200) throw new Error(`${what}: /healthz answered ${res.status} after it`);
  }

  it('answers every HTTP route with a valid result or a coded 4xx, and stays live', async () => {
    // The built client's files: this server's client folder is empty, and a missing build is a
    // deployment fault (500), not a request the fuzzer can get wrong.
    const CLIENT_FILES = ['GET /console.js', 'GET /widget.js', 'GET /moderate'];
    const routes = servedRoutes(s.server.app).filter((r) => !CLIENT_FILES.includes(r));
    // Every kind of route is reached: core, moderation, documents and the bots' webhooks.
    expect(routes).toEqual(
      expect.arrayContaining([
        'POST /api/v1/check',
        'POST /api/v1/moderate/login',
        'PUT /moderate/documents/{name}',
        'POST /bots/webhook/{name}/claims',
      ]),
    );
    const httpCase: fc.Arbitrary<HttpCase> = fc.record({
      route: fc.constantFrom(...routes),
      param: fc.oneof(
        fc.constant('<answer>'),
        shortText,
        fc.constantFrom('..', 'a'.repeat(65), 'raw:%2e%2e', 'raw:%00', 'raw:%2F'),
      ),
      query: fc.oneof(
        fc.constant(''),
        fc
          .dictionary(
            fc.constantFrom('start', 'end', 'q', 'limit', 'cursor', 'status'),
            shortText,
            {
              maxKeys: 3,
            },
          )
          .map((q) => new URLSearchParams(q).toString()),
      ),
      auth: fc.constantFrom<Auth>(
        'none',
        'moderator',
        'moderator',
        'forged-cookie',
        'no-csrf',
        'bad-bearer',
        'bad-basic',
      ),
      contentType,
      gzipHeader: fc.boolean(),
      body,
    });

    await fc.assert(
      fc.asyncProperty(httpCase, async (c) => {
        const [method, template] = c.route.split(' ') as [string, string];
        const param =
          c.param === '<answer>'
            ? answerId
            : c.param.startsWith('raw:')
              ? c.param.slice(4)
              : percentEncoded(c.param);
        const url = `${s.url}${template.replace(/\{\w+\}/g, param)}${c.query ? `?${c.query}` : ''}`;
        const headers: Record<string, string> = {};
        const mod =
          c.auth === 'moderator' || c.auth === 'no-csrf' ? await moderatorSession() : undefined;
        if (mod) headers.cookie = mod.cookie;
        if (mod && c.auth === 'moderator') headers['x-csrf-token'] = mod.csrfToken;
        if (c.auth === 'forged-cookie') headers.cookie = `fc_session=${'A'.repeat(43)}; fc_csrf=x`;
        if (c.auth === 'bad-bearer') headers.authorization = 'Bearer fck_not-a-real-key';
        if (c.auth === 'bad-basic') headers.authorization = 'Basic Zm9vOmJhcg==';
        const withBody = method !== 'GET' && method !== 'HEAD';
        if (withBody && c.contentType) headers['content-type'] = c.contentType;
        if (withBody && c.gzipHeader) headers['content-encoding'] = 'gzip';
        const what = `${method} ${url.slice(0, 200)} (${c.auth}, ${String(c.contentType)})`;
        const res = await withTimeout(
          what,
          fetch(url, { method, headers, ...(withBody ? { body: c.body } : {}) }),
        );
        const raw = await withTimeout(`${what} body`, res.text());
        if (res.status >= 500) throw new Error(`${what}: ${res.status} ${raw.slice(0, 300)}`);
        if (res.status >= 400) {
          let payload: unknown;
          try {
            payload = JSON.parse(raw);
          } catch {
            throw new Error(
              `${what}: ${res.status} with a body that is not JSON: ${raw.slice(0, 200)}`,
            );
          }
          expectCoded(res.status, payload, what);
        }
        await expectLive(what);
      }),
      { numRuns: 1200, seed: SEED, endOnFailure: true },
    );
  }, 120_000);

  it('acknowledges every socket event with a result or a coded refusal, and stays live', async () => {
    const claimPayload = fc.oneof(
      jsonish,
      fc.record(
        {
          id: jsonish,
          text: jsonish,
          conversationId: fc.oneof(jsonish, fc.uuid()),
          image: fc.oneof(fc.uint8Array({ maxLength: 2048 }), jsonish),
        },
        { requiredKeys: [] },
      ),
    );
    const socketCase = fc.record({
      namespace: fc.constantFrom('/chat', '/chat', '/chat', '/moderate'),
      handshake: fc.oneof(
        fc.constant({}),
        fc.record({ clientToken: jsonish }, { requiredKeys: [] }),
        fc.record({ apiKey: jsonish }, { requiredKeys: [] }),
        fc.jsonValue({ maxDepth: 2 }).map((v) => ({ extra: v })),
      ),
      events: fc.array(
        fc.record({
          name: fc.constantFrom('claim', 'history', 'unknown:event', 'disconnect'),
          payload: claimPayload,
          // An event sent without an acknowledgement callback must not crash the server either.
          ack: fc.boolean(),
        }),
        { minLength: 1, maxLength: 3 },
      ),
    });

    await fc.assert(
      fc.asyncProperty(socketCase, async (c) => {
        const what = `${c.namespace} ${JSON.stringify(c).slice(0, 300)}`;
        const socket: Socket = connect(`${s.url}${c.namespace}`, {
          transports: ['websocket'],
          reconnection: false,
          auth: c.handshake as Record<string, unknown>,
        });
        try {
          const refused = await withTimeout(
            `${what} connect`,
            new Promise<{ data?: unknown } | null>((resolve) => {
              socket.once('connect', () => resolve(null));
              socket.once('connect_error', (err) => resolve(err as { data?: unknown }));
            }),
          );
          if (refused) {
            expectCoded(
              ERROR_CODES[(refused.data as { code: keyof typeof ERROR_CODES }).code]?.status ?? 0,
              { error: refused.data },
              `${what} connect_error`,
            );
            return;
          }
          for (const e of c.events) {
            // 'disconnect' is reserved: socket.io-client refuses to emit it, so it stands for a raw frame.
            if (e.name === 'disconnect' || e.name === 'unknown:event' || !e.ack) {
              socket.emit(e.name === 'disconnect' ? 'claim' : e.name, e.payload);
              continue;
            }
            const ack: unknown = await withTimeout(
              `${what} ${e.name} ack`,
              socket.timeout(CASE_TIMEOUT_MS).emitWithAck(e.name, e.payload),
            );
            const result = ack as { ok?: unknown };
            if (result?.ok === true) continue;
            if (result?.ok !== false)
              throw new Error(`${what}: ack neither ok nor refused: ${JSON.stringify(ack)}`);
            expectCoded(
              ERROR_CODES[(ack as { error: { code: keyof typeof ERROR_CODES } }).error.code]
                ?.status ?? 0,
              ack,
              `${what} ${e.name}`,
            );
            const status =
              ERROR_CODES[(ack as { error: { code: keyof typeof ERROR_CODES } }).error.code].status;
            if (status >= 500)
              throw new Error(`${what}: ${e.name} refused with ${status}: ${JSON.stringify(ack)}`);
          }
        } finally {
          socket.disconnect();
        }
        await expectLive(what);
      }),
      { numRuns: 400, seed: SEED, endOnFailure: true },
    );
  }, 120_000);

  // Found by this fuzzer: Express's router throws a URIError for a path parameter that is not
  // valid percent-encoding, which was answered 500 INTERNAL.
  it.each(['/a/%', '/api/v1/answers/%zz', '/api/v1/sources/%C0%AF'])(
    'refuses %s, a path that is not valid percent-encoding, with a coded 400',
    async (route) => {
      const res = await fetch(`${s.url}${route}`);
      expect(res.status).toBe(400);
      expectCoded(res.status, await res.json(), route);
    },
  );
});
