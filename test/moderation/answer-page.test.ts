import type { CheckResult } from '../../src/types.js';
import {
  login,
  startModerationServer,
  type ModerationTestServer,
} from './support/moderation-server.js';

function jsonLd(html: string): Record<string, unknown> {
  const m = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html);
  if (!m) throw new Error('no JSON-LD block');
  return JSON.parse(m[1]) as Record<string, unknown>;
}

const meta = (html: string, property: string) =>
  new RegExp(`<meta property="${property}" content="([^"]*)">`).exec(html)?.[1];

describe('answer page', () => {
  let s: ModerationTestServer;
  let answerId: string;
  /** Absolute links come from PUBLIC_URL only (without it they are relative). */
  const site = 'https://factcheck.example';
  const hostile = 'Is <script>alert("x")</script></script> & "quotes" \u2028 true?';
  const result: CheckResult = {
    claim: hostile,
    verdict: 'REFUTED',
    confidence: 0.82,
    answer: 'The documents contradict it [1].',
    citations: [
      {
        n: 1,
        docId: 'doc-1',
        title: 'Article <b>one</b>',
        source: 'seeds/a.txt',
        start: 10,
        end: 20,
        quote: 'quoted <i>span</i>',
        score: 0.8,
        stance: 'refutes',
      },
    ],
  };

  beforeAll(async () => {
    s = await startModerationServer({ env: { PUBLIC_URL: site } });
    ({ answerId } = await s.store.answers.save({
      result,
      indexVersion: 'test',
      channel: 'rest',
      latencyMs: 1,
      createdAt: Date.parse('2026-11-20T10:00:00Z'),
    }));
  });
  afterAll(() => s.close());

  it('renders ClaimReview JSON-LD with the verdict mapped to a rating', async () => {
    const res = await fetch(`${s.url}/a/${answerId}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const ld = jsonLd(await res.text());
    expect(ld).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'ClaimReview',
      claimReviewed: hostile,
      datePublished: '2026-11-20',
      url: `${site}/a/${answerId}`,
      author: { '@type': 'Organization', name: expect.any(String), url: site },
      reviewRating: {
        '@type': 'Rating',
        ratingValue: 1,
        bestRating: 5,
        worstRating: 1,
        alternateName: 'False',
      },
      itemReviewed: { '@type': 'Claim' },
    });
  });

  it('escapes every piece of user text and carries Open Graph tags with the verdict', async () => {
    const html = await (await fetch(`${s.url}/a/${answerId}`)).text();
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<b>one</b>');
    expect(html).not.toContain('<i>span</i>');
    // One script element only: the JSON-LD, which user text could not close.
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html.match(/<\/script>/g)).toHaveLength(1);
    expect(meta(html, 'og:title')).toMatch(/^False: Is &#60;script&#62;/);
    expect(meta(html, 'og:description')).toBe('The documents contradict it.');
    expect(meta(html, 'og:url')).toBe(`${site}/a/${answerId}`);
    expect(html).toContain('Machine answer, not yet reviewed by a person.');
  });

  it('shows the curated answer and its reviewer once a moderator reviewed the rumor', async () => {
    await s.module.moderation.record({
      answerId,
      text: hostile,
      result,
      channel: 'rest',
      asker: { kind: 'rest' },
    });
    const { password } = await s.module.accounts.add('reviewer', 'moderator');
    const { cookie, csrfToken } = await login(s.url, 'reviewer', password);
    const [cluster] = (await (
      await fetch(`${s.url}/api/v1/moderate/clusters`, { headers: { cookie } })
    ).json()) as { id: string }[];
    const saved = await fetch(`${s.url}/api/v1/moderate/clusters/${cluster.id}/curated`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
      body: JSON.stringify({
        verdict: 'SUPPORTED',
        answer: 'A person found it <em>true</em>.',
        citations: [],
      }),
    });
    expect(saved.status).toBe(201);
    const html = await (await fetch(`${s.url}/a/${answerId}`)).text();
    expect(html).toContain('Reviewed by a person');
    expect(html).toContain('reviewer');
    expect(html).toContain('A person found it &#60;em&#62;true&#60;/em&#62;.');
    const ld = jsonLd(html);
    expect(ld.reviewRating).toMatchObject({ ratingValue: 5, alternateName: 'True' });
  });

  it('answers unknown and malformed ids with 404', async () => {
    expect((await fetch(`${s.url}/a/nope`)).status).toBe(404);
    expect((await fetch(`${s.url}/a/${encodeURIComponent('../../etc')}`)).status).toBe(404);
  });
});
