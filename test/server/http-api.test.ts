import type { Checker } from '../../src/verdict/checker-types.js';
import type { CheckResult } from '../../src/types.js';
import { newClientToken } from '../support/client-token.js';
import { documentedRoutes, servedRoutes } from './support/routes.js';
import { startTestServer, useRealServer, type TestServer } from '../support/test-server.js';

const CLAIM = 'Are strawberries really the dirtiest fruit?';
/** A claim the bundled rumor inventory refutes: acrylamide, 318 cups a day (checker.e2e.test.ts). */
const COFFEE = 'Drinking Starbucks coffee gives you cancer';
type Json = Record<string, unknown> & { error?: { code: string; message: string } };

const real = useRealServer({ settings: { CORS_ORIGINS: 'https://allowed.example' } });

async function request(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: Json; headers: Headers }> {
  const res = await fetch(`${real.server.url}${path}`, {
    method,
    headers: body === undefined ? headers : { 'Content-Type': 'application/json', ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as Json) : {}, headers: res.headers };
}

describe('POST /api/v1/check', () => {
  it('answers a claim with a verdict, exact citations and an answer id that reads back', async () => {
    const { status, json } = await request('POST', '/api/v1/check', { claim: COFFEE });
    expect(status).toBe(200);
    const result = json as unknown as CheckResult & { answerId: string };
    expect(result.claim).toBe(COFFEE);
    expect(result.verdict).toBe('REFUTED');
    expect(result.citations.some((c) => /acrylamide|318 cups/i.test(c.quote))).toBe(true);
    expect(result.confidence).toBeGreaterThanOrEqual(0);
    expect(result.confidence).toBeLessThanOrEqual(1);
    expect(result.citations.length).toBeGreaterThan(0);
    expect(result.answerId).toMatch(/^[A-Za-z0-9_-]+$/);

    const again = await request('GET', `/api/v1/answers/${result.answerId}`);
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({
      answerId: result.answerId,
      verdict: result.verdict,
      citations: result.citations,
      indexVersion: real.checker.indexVersion,
      feedback: { helpful: 0, notHelpful: 0 },
    });

    const c = result.citations[0];
    const source = await request(
      'GET',
      `/api/v1/sources/${encodeURIComponent(c.docId)}?start=${c.start}&end=${c.end}`,
    );
    expect(source.status).toBe(200);
    expect(source.json).toMatchObject({ docId: c.docId, title: c.title, quote: c.quote });
    const context = source.json.context as { start: number; end: number; text: string };
    expect(context.start).toBeLessThanOrEqual(c.start);
    expect(context.end).toBeGreaterThanOrEqual(c.end);
    expect(context.text.slice(c.start - context.start, c.end - context.start)).toBe(c.quote);
  });

  it.each([
    ['malformed JSON', '{"claim": "unterminated', 400, 'INVALID_JSON'],
    ['an empty claim', { claim: '' }, 400, 'CLAIM_EMPTY'],
    ['a whitespace claim', { claim: ' \n\t ' }, 400, 'CLAIM_EMPTY'],
    [
      'control characters',
      { claim: 'coffee \u0007causes cancer' },
      400,
      'CLAIM_INVALID_CHARACTERS',
    ],
    ['a claim over the limit', { claim: 'a'.repeat(2001) }, 413, 'CLAIM_TOO_LONG'],
    ['a 1 MB body', { claim: 'a'.repeat(1024 * 1024) }, 413, 'BODY_TOO_LARGE'],
    ['a number for the claim', { claim: 42 }, 400, 'VALIDATION_FAILED'],
    ['no claim at all', { text: CLAIM }, 400, 'VALIDATION_FAILED'],
    ['an array body', [CLAIM], 400, 'VALIDATION_FAILED'],
    ['a JSON string body', '"just a string"', 400, 'INVALID_JSON'],
  ])('refuses %s with a coded error', async (_name, body, status, code) => {
    const res = await request('POST', '/api/v1/check', body);
    expect(res.status).toBe(status);
    expect(res.json.error).toEqual({ code, message: expect.any(String) });
  });

  it('refuses a body that is not JSON with 415', async () => {
    const res = await fetch(`${real.server.url}/api/v1/check`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: CLAIM,
    });
    expect(res.status).toBe(415);
    expect(((await res.json()) as Json).error?.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });
});

describe('GET /api/v1/sources/:docId', () => {
  it.each([
    ['start after end', '?start=10&end=5'],
    ['a negative start', '?start=-1&end=5'],
    ['a non-numeric end', '?start=1&end=abc'],
    ['missing offsets', ''],
  ])('refuses %s', async (_name, query) => {
    const docId = real.checker.passages.find((p) => p)!.docId;
    const res = await request('GET', `/api/v1/sources/${encodeURIComponent(docId)}${query}`);
    expect(res.status).toBe(400);
    expect(res.json.error?.code).toBe('VALIDATION_FAILED');
  });

  it('answers 404 for a document that does not exist', async () => {
    const res = await request('GET', '/api/v1/sources/no-such-doc?start=0&end=10');
    expect(res.status).toBe(404);
    expect(res.json.error?.code).toBe('DOCUMENT_NOT_FOUND');
  });
});

describe('answers and feedback', () => {
  let answerId: string;
  beforeAll(async () => {
    answerId = String((await request('POST', '/api/v1/check', { claim: CLAIM })).json.answerId);
  });

  it('records votes, one per client, and counts them on the answer', async () => {
    const [one, two] = await Promise.all([
      newClientToken(real.server.url),
      newClientToken(real.server.url),
    ]);
    const yes = await request(
      'POST',
      `/api/v1/answers/${answerId}/feedback`,
      { helpful: true },
      { 'X-Client-Token': one },
    );
    expect(yes.status).toBe(201);
    const no = await request(
      'POST',
      `/api/v1/answers/${answerId}/feedback`,
      { helpful: false, reason: 'cites the wrong year' },
      { 'X-Client-Token': two },
    );
    const changed = await request(
      'POST',
      `/api/v1/answers/${answerId}/feedback`,
      { helpful: false },
      { 'X-Client-Token': one },
    );
    expect(no.json.feedback).toEqual({ helpful: 1, notHelpful: 1 });
    expect(changed.json.feedback).toEqual({ helpful: 0, notHelpful: 2 });
    expect((await real.server.store.answers.votesSince(0)).map((v) => v.reason)).toContain(
      'cites the wrong year',
    );
  });

  it.each([
    ['a string for helpful', { helpful: 'yes' }, 400, 'VALIDATION_FAILED'],
    ['no vote', {}, 400, 'VALIDATION_FAILED'],
    [
      'control characters in the reason',
      { helpful: false, reason: 'bad\u0000' },
      400,
      'VALIDATION_FAILED',
    ],
  ])('refuses %s', async (_name, body, status, code) => {
    const res = await request('POST', `/api/v1/answers/${answerId}/feedback`, body);
    expect(res.status).toBe(status);
    expect(res.json.error?.code).toBe(code);
  });

  it('answers 404 for unknown answers, on reading and on voting', async () => {
    expect((await request('GET', '/api/v1/answers/unknownid')).json.error?.code).toBe(
      'ANSWER_NOT_FOUND',
    );
    const vote = await request('POST', '/api/v1/answers/unknownid/feedback', { helpful: true });
    expect(vote.status).toBe(404);
    expect(vote.json.error?.code).toBe('ANSWER_NOT_FOUND');
  });
});

describe('the rest of the surface', () => {
  it('answers unknown routes with a coded JSON 404, never echoing the path as HTML', async () => {
    const res = await fetch(`${real.server.url}/api/v1/<script>alert(1)</script>`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(((await res.json()) as Json).error?.code).toBe('NOT_FOUND');
  });

  it('sends helmet headers and a script policy limited to this origin', async () => {
    const res = await fetch(`${real.server.url}/healthz`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('allows CORS for listed widget host pages only', async () => {
    const listed = await fetch(`${real.server.url}/api/v1/check`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://allowed.example', 'Access-Control-Request-Method': 'POST' },
    });
    expect(listed.headers.get('access-control-allow-origin')).toBe('https://allowed.example');
    const other = await fetch(`${real.server.url}/api/v1/check`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' },
    });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('documents exactly the routes the app serves in /api/openapi.json', async () => {
    const doc = (await request('GET', '/api/openapi.json')).json as {
      paths: Record<string, object>;
    };
    const served = servedRoutes(real.server.server.app);
    expect(served.length).toBeGreaterThan(5);
    expect(documentedRoutes(doc)).toEqual(served);
  });

  it('exposes request counts, answer latency, verdicts and sockets in /metrics', async () => {
    const res = await fetch(`${real.server.url}/metrics`);
    const text = await res.text();
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(text).toMatch(
      /factcheck_http_requests_total\{method="POST",route="\/api\/v1\/check",status="200"\} [1-9]/,
    );
    expect(text).toMatch(/factcheck_answer_latency_seconds_count\{channel="rest"\} [1-9]/);
    expect(text).toMatch(/factcheck_verdicts_total\{verdict="\w+",channel="rest"\} [1-9]/);
    expect(text).toContain('factcheck_chat_connected_sockets');
  });

  it('serves the demo page and the widget script (loadable from other origins)', async () => {
    const page = await fetch(`${real.server.url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('/widget.js');
    const script = await fetch(`${real.server.url}/widget.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
  });
});

describe('readiness', () => {
  it('answers 503 INDEX_NOT_READY until the checker is loaded, and refuses claims meanwhile', async () => {
    let release!: (c: Checker) => void;
    const pending = startTestServer(new Promise<Checker>((resolve) => (release = resolve)));
    const s = await pending;
    try {
      expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
      const notReady = await fetch(`${s.url}/readyz`);
      expect(notReady.status).toBe(503);
      expect(((await notReady.json()) as Json).error?.code).toBe('INDEX_NOT_READY');
      const claim = await fetch(`${s.url}/api/v1/check`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ claim: CLAIM }),
      });
      expect(claim.status).toBe(503);
      release(real.checker);
      await s.server.gate.whenReady();
      const ready = await fetch(`${s.url}/readyz`);
      expect(ready.status).toBe(200);
      expect(((await ready.json()) as Json).indexVersion).toBe(real.checker.indexVersion);
    } finally {
      await s.close();
    }
  });
});

describe('rate limits and API keys', () => {
  let limited: TestServer;
  beforeAll(async () => {
    limited = await startTestServer(real.checker, {
      settings: { RATE_ANON_PER_MINUTE: 3, RATE_KEY_PER_MINUTE: 100 },
    });
  });
  afterAll(() => limited.close());

  const check = (headers: Record<string, string> = {}) =>
    fetch(`${limited.url}/api/v1/answers/nope`, { headers });

  it('refuses anonymous callers over the limit with 429 and Retry-After, and lets keyed callers through', async () => {
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await check()).status);
    expect(statuses).toEqual([404, 404, 404, 429]);
    const refused = await check();
    expect(((await refused.json()) as Json).error?.code).toBe('RATE_LIMITED');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);

    const { key } = await limited.store.apiKeys.create('test-bot');
    for (let i = 0; i < 5; i++)
      expect((await check({ Authorization: `Bearer ${key}` })).status).toBe(404);
    expect((await check({ 'X-API-Key': key })).status).toBe(404);
  });

  it('refuses an unknown API key with 401 INVALID_API_KEY', async () => {
    const res = await check({ Authorization: 'Bearer fck_not-a-real-key' });
    expect(res.status).toBe(401);
    expect(((await res.json()) as Json).error?.code).toBe('INVALID_API_KEY');
  });
});
