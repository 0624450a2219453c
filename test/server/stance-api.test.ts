import type { Checker } from '../../src/verdict/checker-types.js';
import { INDEX_BUILD_TIMEOUT_MS, realChecker } from './support/real-checker.js';
import { startTestServer, type TestServer } from './support/test-server.js';

type Json = Record<string, unknown> & { error?: { code: string; message: string } };

const STANCES = ['supports', 'refutes', 'neutral'];
const CLAIM = 'Drinking tea cures the common cold.';
const EVIDENCE =
  'Drinking tea does not cure the common cold. Doctors say rest and fluids help people feel better.';

let checker: Checker;
let t: TestServer;

async function post(
  base: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: Json; headers: Headers }> {
  const res = await fetch(`${base}/api/v1/stance`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as Json) : {}, headers: res.headers };
}

const stance = (body: unknown, headers?: Record<string, string>) => post(t.url, body, headers);

/** A text of exactly `n` code points, sentences of ordinary prose. */
const prose = (n: number) =>
  Array.from(
    'Walking shoes do not need to be expensive; comfort matters more than price. '.repeat(
      Math.ceil(n / 70),
    ),
  )
    .slice(0, n)
    .join('');

beforeAll(async () => {
  checker = await realChecker();
  t = await startTestServer(checker);
}, INDEX_BUILD_TIMEOUT_MS);

afterAll(async () => {
  await t?.close();
  await checker?.close();
});

describe('POST /api/v1/stance', () => {
  it.each([
    ['a refuting sentence', CLAIM, EVIDENCE],
    ['an unrelated sentence', CLAIM, 'Walking shoes do not need to be expensive.'],
    ['a Chinese pair', '喝茶能治好感冒。', '喝茶不能治好感冒。'],
  ])('answers %s with exactly a stance and a confidence in [0, 1]', async (_name, c, e) => {
    const { status, json } = await stance({ claim: c, evidence: e });
    expect(status).toBe(200);
    expect(Object.keys(json).sort()).toEqual(['confidence', 'stance']);
    expect(STANCES).toContain(json.stance);
    expect(typeof json.confidence).toBe('number');
    expect(json.confidence).toBeGreaterThanOrEqual(0);
    expect(json.confidence).toBeLessThanOrEqual(1);
  });

  it('never calls evidence that restates the claim word for word a refutation', async () => {
    const { status, json } = await stance({ claim: CLAIM, evidence: CLAIM });
    expect(status).toBe(200);
    expect(json.stance).not.toBe('refutes');
  });

  it('never calls evidence that denies the claim word for word support', async () => {
    const { status, json } = await stance({
      claim: 'Tea cures colds.',
      evidence: 'Tea does not cure colds.',
    });
    expect(status).toBe(200);
    expect(json.stance).not.toBe('supports');
  });

  it('gives the same answer as the checker it serves from', async () => {
    const { json } = await stance({ claim: CLAIM, evidence: EVIDENCE });
    expect(json).toEqual(await checker.stance(CLAIM, EVIDENCE));
  });

  it('takes evidence up to MAX_EVIDENCE_LENGTH code points, beyond the ordinary body limit', async () => {
    const evidence = prose(t.config.MAX_EVIDENCE_LENGTH);
    expect(Buffer.byteLength(JSON.stringify({ claim: CLAIM, evidence }))).toBeGreaterThan(
      t.config.JSON_BODY_LIMIT_BYTES,
    );
    const { status, json } = await stance({ claim: CLAIM, evidence });
    expect(status).toBe(200);
    expect(STANCES).toContain(json.stance);
  });

  it('answers a table of numbers as evidence and a claim made of numbers', async () => {
    // Thousands of figures in one sentence: the text's arithmetic once tried every triple.
    const numbers = (n: number, step: number) =>
      Array.from({ length: n }, (_, i) => `${11 + step * i}`).join(', ');
    const evidence = `Sales were ${numbers(5000, 3)}`.slice(0, t.config.MAX_EVIDENCE_LENGTH);
    const claim = numbers(1000, 7).slice(0, t.config.MAX_CLAIM_LENGTH);
    for (const body of [
      { claim: 'Sales were 20, 26 and 41', evidence },
      { claim, evidence },
    ]) {
      const { status, json } = await stance(body);
      expect(status).toBe(200);
      expect(STANCES).toContain(json.stance);
    }
  });

  it.each([
    ['malformed JSON', '{"claim": "unterminated', 400, 'INVALID_JSON'],
    ['a JSON string body', '"just a string"', 400, 'INVALID_JSON'],
    ['no evidence', { claim: CLAIM }, 400, 'VALIDATION_FAILED'],
    ['no claim', { evidence: EVIDENCE }, 400, 'VALIDATION_FAILED'],
    ['an empty object', {}, 400, 'VALIDATION_FAILED'],
    ['a number for the evidence', { claim: CLAIM, evidence: 42 }, 400, 'VALIDATION_FAILED'],
    ['an array for the claim', { claim: [CLAIM], evidence: EVIDENCE }, 400, 'VALIDATION_FAILED'],
    ['null evidence', { claim: CLAIM, evidence: null }, 400, 'VALIDATION_FAILED'],
    ['an array body', [CLAIM, EVIDENCE], 400, 'VALIDATION_FAILED'],
    ['an empty claim', { claim: '', evidence: EVIDENCE }, 400, 'CLAIM_EMPTY'],
    ['whitespace evidence', { claim: CLAIM, evidence: ' \n\t ' }, 400, 'EVIDENCE_EMPTY'],
    [
      'control characters in the claim',
      { claim: 'tea \u0007cures colds', evidence: EVIDENCE },
      400,
      'CLAIM_INVALID_CHARACTERS',
    ],
    [
      'a claim over the limit',
      { claim: 'a'.repeat(2001), evidence: EVIDENCE },
      413,
      'CLAIM_TOO_LONG',
    ],
    [
      'evidence over the limit',
      { claim: CLAIM, evidence: prose(20_001) },
      413,
      'EVIDENCE_TOO_LONG',
    ],
    [
      'evidence over the limit in code points (emoji, 2 UTF-16 units each)',
      { claim: CLAIM, evidence: '🍵'.repeat(20_001) },
      413,
      'EVIDENCE_TOO_LONG',
    ],
    ['a 1 MB body', { claim: CLAIM, evidence: 'a'.repeat(1024 * 1024) }, 413, 'BODY_TOO_LARGE'],
  ])('refuses %s with a coded error', async (_name, body, status, code) => {
    const res = await stance(body);
    expect(res.status).toBe(status);
    expect(res.json.error).toEqual({ code, message: expect.any(String) });
  });

  it('counts evidence length in code points: 20,000 emoji are within the limit', async () => {
    const { status, json } = await stance({ claim: CLAIM, evidence: '🍵'.repeat(20_000) });
    expect(status).toBe(200);
    expect(STANCES).toContain(json.stance);
  });

  it('refuses a body that is not JSON with 415', async () => {
    const res = await fetch(`${t.url}/api/v1/stance`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: JSON.stringify({ claim: CLAIM, evidence: EVIDENCE }),
    });
    expect(res.status).toBe(415);
    expect(((await res.json()) as Json).error?.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('keeps the larger body limit to this route: a check still refuses a 30 KB body', async () => {
    const res = await fetch(`${t.url}/api/v1/check`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ claim: 'a'.repeat(30 * 1024) }),
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as Json).error?.code).toBe('BODY_TOO_LARGE');
  });

  it('answers only POST', async () => {
    const res = await fetch(`${t.url}/api/v1/stance`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as Json).error?.code).toBe('NOT_FOUND');
  });
});

describe('readiness', () => {
  it('answers 503 INDEX_NOT_READY until the checker is loaded, then a stance', async () => {
    let release!: (c: Checker) => void;
    const s = await startTestServer(new Promise<Checker>((resolve) => (release = resolve)));
    try {
      const early = await post(s.url, { claim: CLAIM, evidence: EVIDENCE });
      expect(early.status).toBe(503);
      expect(early.json.error?.code).toBe('INDEX_NOT_READY');
      // Validation comes first: a bad body is refused as such even while the index loads.
      expect((await post(s.url, { claim: CLAIM })).json.error?.code).toBe('VALIDATION_FAILED');
      release(checker);
      await s.server.gate.whenReady();
      const ready = await post(s.url, { claim: CLAIM, evidence: EVIDENCE });
      expect(ready.status).toBe(200);
      expect(STANCES).toContain(ready.json.stance);
    } finally {
      await s.close();
    }
  });
});

describe('rate limits', () => {
  let limited: TestServer;
  beforeAll(async () => {
    limited = await startTestServer(checker, { RATE_ANON_PER_MINUTE: 3, RATE_KEY_PER_MINUTE: 100 });
  });
  afterAll(() => limited.close());

  it('refuses anonymous callers over the limit with 429 and Retry-After, and lets keyed callers through', async () => {
    const pair = { claim: CLAIM, evidence: EVIDENCE };
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await post(limited.url, pair)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const refused = await post(limited.url, pair);
    expect(refused.json.error?.code).toBe('RATE_LIMITED');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);

    const { key } = await limited.store.apiKeys.create('stance-bot');
    for (let i = 0; i < 5; i++)
      expect((await post(limited.url, pair, { Authorization: `Bearer ${key}` })).status).toBe(200);
  });
});
