import http from 'node:http';
import type { ImageRead } from '../../src/ocr/index.js';
import type { AnswerEvent, ClaimAck } from '../../src/server/events.js';
import type { CheckResponse } from '../../src/server/http/schemas.js';
import type { Checker } from '../../src/verdict/checker-types.js';
import { INDEX_BUILD_TIMEOUT_MS, realChecker } from './support/real-checker.js';
import { connected, nextEvent, startTestServer, type TestServer } from './support/test-server.js';
import {
  badImages,
  citesAcrylamide,
  renderStarbucksShots,
  STARBUCKS_SHOTS,
  type StarbucksShot,
} from '../support/screenshot-claims.js';

type Json = Record<string, unknown>;
type ErrorJson = { error: { code: string; message: string } };

let checker: Checker;
let t: TestServer;
let shots: Record<StarbucksShot, Buffer>;
let bad: Awaited<ReturnType<typeof badImages>>;

beforeAll(async () => {
  checker = await realChecker();
  t = await startTestServer(checker);
  shots = await renderStarbucksShots();
  bad = await badImages(shots.english);
}, INDEX_BUILD_TIMEOUT_MS);

afterAll(async () => {
  await t?.close();
  await checker?.close();
});

/** A multipart form with the image (and any text fields), as a browser would send it. */
function form(image: Buffer | undefined, fields: Record<string, string> = {}, name = 'image') {
  const body = new FormData();
  if (image)
    body.append(name, new Blob([new Uint8Array(image)], { type: 'image/png' }), 'shot.png');
  for (const [key, value] of Object.entries(fields)) body.append(key, value);
  return body;
}

async function post(path: string, body: FormData | string, headers: Json = {}) {
  const res = await fetch(`${t.url}${path}`, {
    method: 'POST',
    body,
    headers: headers as Record<string, string>,
  });
  return { status: res.status, body: (await res.json()) as Json };
}

describe('POST /api/v1/check with a screenshot (multipart/form-data)', () => {
  it.each(['english', 'chinese'] as const)(
    'refutes the %s Starbucks screenshot citing the acrylamide passage, with what it read',
    async (name) => {
      const { status, body } = await post('/api/v1/check', form(shots[name]));
      expect(status).toBe(200);
      const result = body as CheckResponse;
      expect(result.ocr?.text).toBe(STARBUCKS_SHOTS[name].text);
      expect(result.ocr?.lang).toBe(name === 'english' ? 'en' : 'zh');
      expect(result.claim).toBe(STARBUCKS_SHOTS[name].text);
      expect(result.verdict).toBe('REFUTED');
      expect(citesAcrylamide(result)).toBe(true);
      // The stored answer keeps what was read.
      const again = await fetch(`${t.url}/api/v1/answers/${result.answerId}`);
      expect(((await again.json()) as CheckResponse).ocr?.text).toBe(STARBUCKS_SHOTS[name].text);
    },
  );

  it('checks a claim typed beside the image instead of the reading, and still reports the reading', async () => {
    const claim = 'Coffee contains acrylamide';
    const { status, body } = await post('/api/v1/check', form(shots.english, { claim }));
    expect(status).toBe(200);
    expect(body.claim).toBe(claim);
    expect((body.ocr as ImageRead).text).toBe(STARBUCKS_SHOTS.english.text);
  });

  it.each(['gif', 'text', 'truncated', 'bomb', 'blank'] as const)(
    'refuses a %s image with its code and stores nothing',
    async (kind) => {
      const before = (await t.store.answers.since(0)).length;
      const { status, body } = await post('/api/v1/check', form(bad[kind].bytes));
      expect((body as ErrorJson).error.code).toBe(bad[kind].code);
      expect(status).toBeGreaterThanOrEqual(400);
      expect(status).toBeLessThan(500);
      expect((await t.store.answers.since(0)).length).toBe(before);
    },
  );

  it('refuses a form without an image, with another file field, or with an unknown field', async () => {
    const missing = await post('/api/v1/check', form(undefined, { claim: 'x' }));
    expect(missing.status).toBe(400);
    expect((missing.body as ErrorJson).error.code).toBe('VALIDATION_FAILED');
    const wrongName = await post('/api/v1/check', form(shots.english, {}, 'photo'));
    expect((wrongName.body as ErrorJson).error).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringContaining('"photo"'),
    });
    const two = form(shots.english);
    two.append('image', new Blob([new Uint8Array(shots.chinese)]), 'two.png');
    expect(((await post('/api/v1/check', two)).body as ErrorJson).error.code).toBe(
      'VALIDATION_FAILED',
    );
    const extra = await post('/api/v1/check', form(shots.english, { lang: 'en' }));
    expect((extra.body as ErrorJson).error.message).toMatch(/Unexpected field "lang"/);
  });

  it('refuses a claim beside the image that is too long, before reading the image', async () => {
    const { status, body } = await post(
      '/api/v1/check',
      form(shots.english, { claim: 'x'.repeat(2001) }),
    );
    expect(status).toBe(413);
    expect((body as ErrorJson).error.code).toBe('CLAIM_TOO_LONG');
  });

  it('refuses a malformed multipart body with BAD_REQUEST', async () => {
    const { status, body } = await post('/api/v1/check', '--nope\r\nnot a part', {
      'content-type': 'multipart/form-data; boundary=nope',
    });
    expect(status).toBe(400);
    expect((body as ErrorJson).error.code).toBe('BAD_REQUEST');
    const noBoundary = await post('/api/v1/check', 'x', { 'content-type': 'multipart/form-data' });
    expect((noBoundary.body as ErrorJson).error.code).toBe('BAD_REQUEST');
  });

  it('still takes JSON claims', async () => {
    const res = await fetch(`${t.url}/api/v1/check`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ claim: STARBUCKS_SHOTS.english.text }),
    });
    const body = (await res.json()) as CheckResponse;
    expect(body.verdict).toBe('REFUTED');
    expect(body.ocr).toBeUndefined();
  });
});

describe('an image over OCR_MAX_IMAGE_BYTES', () => {
  let small: TestServer;
  beforeAll(async () => {
    small = await startTestServer(checker, { OCR_MAX_IMAGE_BYTES: 10_000 });
  });
  afterAll(() => small?.close());

  it('is refused with IMAGE_TOO_LARGE on REST, read and streamed up to the cap only', async () => {
    expect(shots.english.length).toBeGreaterThan(10_000);
    const res = await fetch(`${small.url}/api/v1/check`, {
      method: 'POST',
      body: form(shots.english),
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as ErrorJson).error.code).toBe('IMAGE_TOO_LARGE');
  });

  it('is refused at once, before its body is read, when its length says so', async () => {
    // Declares far more than the form can hold: answered without waiting for the bytes.
    const answered = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(`${small.url}/api/v1/check`, {
        method: 'POST',
        headers: {
          'content-type': 'multipart/form-data; boundary=b',
          'content-length': String(50 * 1024 * 1024),
        },
      });
      req.on('response', (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.write('--b\r\n');
    });
    expect(answered.status).toBe(413);
    expect((JSON.parse(answered.body) as ErrorJson).error.code).toBe('IMAGE_TOO_LARGE');
  });

  it('is refused with IMAGE_TOO_LARGE in a socket claim ack', async () => {
    const socket = small.client();
    await connected(socket);
    const ack = await socket.emitWithAck('claim', { id: 'big', image: shots.english });
    expect(ack).toMatchObject({ ok: false, error: { code: 'IMAGE_TOO_LARGE' } });
  });
});

describe('POST /api/v1/read-image', () => {
  it('returns what was read, without checking or storing it', async () => {
    const before = (await t.store.answers.since(0)).length;
    const { status, body } = await post('/api/v1/read-image', form(shots.chinese));
    expect(status).toBe(200);
    expect(body).toMatchObject({ text: STARBUCKS_SHOTS.chinese.text, lang: 'zh' });
    expect(body.confidence).toBeGreaterThan(0);
    expect((await t.store.answers.since(0)).length).toBe(before);
  });

  it('refuses a JSON body with UNSUPPORTED_MEDIA_TYPE and a corrupt image with IMAGE_CORRUPT', async () => {
    const json = await post('/api/v1/read-image', '{}', { 'content-type': 'application/json' });
    expect(json.status).toBe(415);
    expect((json.body as ErrorJson).error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const corrupt = await post('/api/v1/read-image', form(bad.truncated.bytes));
    expect((corrupt.body as ErrorJson).error.code).toBe('IMAGE_CORRUPT');
  });
});

describe('socket claim with an image', () => {
  it.each(['english', 'chinese'] as const)(
    'answers the %s Starbucks screenshot sent as a binary attachment',
    async (name) => {
      const socket = t.client();
      await connected(socket);
      const answer = nextEvent<AnswerEvent>(
        socket,
        'answer',
        (a) => a.inReplyTo === `shot-${name}`,
      );
      const ack: ClaimAck = await socket.emitWithAck('claim', {
        id: `shot-${name}`,
        image: shots[name],
      });
      expect(ack.ok).toBe(true);
      const result = (await answer) as AnswerEvent & { ocr: ImageRead };
      expect(result.ocr.text).toBe(STARBUCKS_SHOTS[name].text);
      expect(result.claim).toBe(STARBUCKS_SHOTS[name].text);
      expect(result.verdict).toBe('REFUTED');
      expect(citesAcrylamide(result)).toBe(true);
    },
  );

  it("checks the text sent beside the image (the widget's edited reading)", async () => {
    const socket = t.client();
    await connected(socket);
    const text = 'Starbucks coffee causes cancer';
    const answer = nextEvent<AnswerEvent>(socket, 'answer', (a) => a.inReplyTo === 'edited');
    await socket.emitWithAck('claim', { id: 'edited', text, image: shots.english });
    const result = (await answer) as AnswerEvent & { ocr: ImageRead };
    expect(result.claim).toBe(text);
    expect(result.ocr.text).toBe(STARBUCKS_SHOTS.english.text);
  });

  it.each(['gif', 'text', 'truncated', 'bomb', 'blank'] as const)(
    'refuses a %s image in the ack with its code',
    async (kind) => {
      const socket = t.client();
      await connected(socket);
      const ack = await socket.emitWithAck('claim', { id: `bad-${kind}`, image: bad[kind].bytes });
      expect(ack).toMatchObject({ ok: false, error: { code: bad[kind].code } });
    },
  );

  it('refuses an image sent as text, and a claim with neither text nor image', async () => {
    const socket = t.client();
    await connected(socket);
    const asText = await socket.emitWithAck('claim', {
      id: 'b64',
      image: shots.english.toString('base64') as unknown as Uint8Array,
    });
    expect(asText).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    const empty = await socket.emitWithAck('claim', { id: 'none' });
    expect(empty).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });
});
