import type { Checker } from '../../src/verdict/checker-types.js';
import type { CheckResult } from '../../src/types.js';
import { startTestServer, type TestServer } from './support/test-server.js';

/** The shareable page belongs to the public app: it answers with moderation switched off. */
describe('answer page without moderation', () => {
  let t: TestServer;
  const result: CheckResult = {
    claim: 'The Great Wall is visible from the Moon',
    verdict: 'REFUTED',
    confidence: 0.9,
    answer: 'The documents contradict it.',
    citations: [],
  };

  beforeAll(async () => {
    // No plugins, and an index that never loads: the page needs neither.
    t = await startTestServer(new Promise<Checker>(() => undefined));
  });
  afterAll(() => t.close());

  it('renders a stored answer as HTML', async () => {
    const { answerId } = await t.store.answers.save({
      result,
      indexVersion: 'test',
      channel: 'rest',
      latencyMs: 1,
    });
    const res = await fetch(`${t.url}/a/${answerId}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain('The Great Wall is visible from the Moon');
    expect(html).toContain('Machine answer, not yet reviewed by a person.');
  });

  it('refuses an unknown answer with the coded 404 of every other route', async () => {
    const res = await fetch(`${t.url}/a/unknown-id`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      error: { code: 'ANSWER_NOT_FOUND', message: expect.any(String) },
    });
  });
});
