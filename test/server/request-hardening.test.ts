import http from 'node:http';
import { gzipSync } from 'node:zlib';
import type { HistoryAck } from '../../src/server/events.js';
import { subjectKey } from '../../src/server/client-subject.js';
import type { Checker } from '../../src/verdict/checker-types.js';
import { connected, startTestServer, type TestServer } from '../support/test-server.js';

/** A request with headers fetch() will not send as given (Host, Content-Encoding). */
function rawRequest(
  url: string,
  options: { method: string; headers: Record<string, string>; body?: Buffer },
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: options.method, headers: options.headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

const codeOf = (body: string) => (JSON.parse(body) as { error?: { code: string } }).error?.code;

describe('request edges', () => {
  let t: TestServer;
  beforeAll(async () => {
    // No index: these requests are refused or answered before a check would run.
    t = await startTestServer(new Promise<Checker>(() => undefined), {
      settings: { SOCKET_HISTORY_PER_MINUTE: 6, SOCKET_MAX_CONVERSATIONS: 3 },
    });
  });
  afterAll(() => t.close());

  it('answers a body that says gzip but is not with a coded 400, and reads real gzip', async () => {
    for (const route of ['/api/v1/check', '/api/v1/stance']) {
      for (const encoding of ['gzip', 'deflate', 'br']) {
        const garbage = await rawRequest(`${t.url}${route}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-encoding': encoding },
          body: Buffer.from('{"claim": "not compressed at all"}'),
        });
        expect([route, encoding, garbage.status, codeOf(garbage.body)]).toEqual([
          route,
          encoding,
          400,
          'BODY_ENCODING_INVALID',
        ]);
      }
    }
    const truncated = gzipSync(Buffer.from('{"claim": "cut short"}')).subarray(0, 12);
    const cut = await rawRequest(`${t.url}/api/v1/check`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: truncated,
    });
    expect([cut.status, codeOf(cut.body)]).toEqual([400, 'BODY_ENCODING_INVALID']);
    // A real gzip body is read: its (wrong) shape is what gets refused.
    const real = await rawRequest(`${t.url}/api/v1/check`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: gzipSync(Buffer.from('{"claim": 42}')),
    });
    expect([real.status, codeOf(real.body)]).toEqual([400, 'VALIDATION_FAILED']);
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
  });

  it('never writes the Host header into the answer page without PUBLIC_URL', async () => {
    const { answerId } = await t.store.answers.save({
      result: {
        claim: 'The moon is made of cheese',
        verdict: 'REFUTED',
        confidence: 0.9,
        answer: 'It is rock [1].',
        citations: [
          {
            n: 1,
            docId: 'd1',
            title: 'Moon',
            source: 'moon.txt',
            start: 0,
            end: 4,
            quote: 'Rock',
            score: 1,
            stance: 'refutes',
          },
        ],
      },
      indexVersion: 'test',
      channel: 'rest',
      latencyMs: 1,
      createdAt: Date.now(),
    });
    const page = await rawRequest(`${t.url}/a/${answerId}`, {
      method: 'GET',
      headers: { host: 'attacker.example', 'x-forwarded-host': 'attacker.example' },
    });
    expect(page.status).toBe(200);
    expect(page.body).not.toContain('attacker.example');
    expect(page.body).toContain(`<link rel="canonical" href="/a/${answerId}">`);
    expect(page.body).not.toContain('og:url');
    const ld = JSON.parse(
      /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(page.body)![1],
    ) as { url: string; citation: { url: string }[] };
    expect(ld.url).toBe(`/a/${answerId}`);
    expect(ld.citation[0].url).toBe(`/a/${answerId}#c1`);
  });

  it('caps the conversations one socket follows, and its history calls per minute, with codes', async () => {
    // Conversations of one widget client from before tokens: it connects with its old id.
    const owner = t.store.clientHash(subjectKey({ kind: 'widget', clientId: 'cap-client-1' }));
    for (const n of [1, 2, 3, 4]) await t.store.conversations.ensure(`conv-cap-000${n}`, owner);
    const socket = t.client({ auth: { clientId: 'cap-client-1' } });
    await connected(socket);
    const history = (conversationId: string) =>
      socket.emitWithAck('history', { conversationId }) as Promise<HistoryAck>;
    const acks = [];
    for (const id of ['conv-cap-0001', 'conv-cap-0002', 'conv-cap-0003', 'conv-cap-0004'])
      acks.push(await history(id));
    expect(acks.map((a) => (a.ok ? 'ok' : a.error.code))).toEqual([
      'ok',
      'ok',
      'ok',
      'TOO_MANY_CONVERSATIONS',
    ]);
    // A conversation already followed can be loaded again.
    expect((await history('conv-cap-0002')).ok).toBe(true);
    const sixth = await history('conv-cap-0003');
    expect(sixth.ok).toBe(true);
    const seventh = await history('conv-cap-0003');
    expect(seventh).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    // Another socket has its own allowance.
    const other = t.client({ auth: { clientId: 'cap-client-1' } });
    await connected(other);
    expect(
      ((await other.emitWithAck('history', { conversationId: 'conv-cap-0004' })) as HistoryAck).ok,
    ).toBe(true);
  });
});
