import { claimReviewJsonLd, verdictLabel } from '../../moderation/claim-review.js';
import { escapeHtml, jsonForScript } from '../../moderation/html-escape.js';
import type { Citation, Verdict } from '../../types.js';

export interface PageCitation extends Citation {
  /** The paragraph around the quote, when the source could be read. */
  context?: { text: string; start: number; end: number };
}

export interface AnswerPageData {
  answerId: string;
  claim: string;
  verdict: Verdict;
  confidence: number;
  answer: string;
  citations: PageCitation[];
  /** ISO time the machine answered. */
  answeredAt: string;
  /** The reviewed answer of the claim's cluster, when a moderator wrote one. */
  curated?: {
    verdict: Verdict;
    answer: string;
    citations: PageCitation[];
    reviewer: string;
    reviewedAt: string;
  };
  /** URL of this page and of the site: absolute with PUBLIC_URL, else relative to this host. */
  url: string;
  siteUrl: string;
  siteName: string;
}

/** Open Graph wants an absolute og:url; a page without one is left without it. */
const isAbsolute = (url: string): boolean => /^https?:\/\//i.test(url);

const BADGE_ICON: Record<Verdict, string> = { SUPPORTED: '✔', REFUTED: '✘', NOT_ENOUGH_INFO: '?' };

/** The quote shown inside its context paragraph, highlighted with <mark>; everything escaped. */
function quoteInContext(c: PageCitation): string {
  if (!c.context || c.start < c.context.start || c.end > c.context.end) {
    return `<blockquote><mark>${escapeHtml(c.quote)}</mark></blockquote>`;
  }
  const t = c.context.text;
  const a = c.start - c.context.start;
  const b = c.end - c.context.start;
  return `<blockquote>${escapeHtml(t.slice(0, a))}<mark>${escapeHtml(t.slice(a, b))}</mark>${escapeHtml(t.slice(b))}</blockquote>`;
}

function citationList(citations: PageCitation[]): string {
  if (citations.length === 0) return '<p>No passage in the collection settles this claim.</p>';
  const items = citations.map(
    (c) =>
      `<li id="c${c.n}"><p><strong>[${c.n}] ${escapeHtml(c.title)}</strong> <small>${escapeHtml(c.source)} · ${escapeHtml(c.stance)}</small></p>${quoteInContext(c)}</li>`,
  );
  return `<ol class="citations">${items.join('')}</ol>`;
}

function badge(verdict: Verdict): string {
  return `<span class="badge badge-${verdict.toLowerCase()}"><span aria-hidden="true">${BADGE_ICON[verdict]}</span> ${escapeHtml(verdictLabel(verdict))}</span>`;
}

/** The shareable answer page: server-rendered, every user-supplied string escaped. */
export function renderAnswerPage(d: AnswerPageData): string {
  const shown = d.curated ?? d;
  const reviewed = d.curated !== undefined;
  const title = `${verdictLabel(shown.verdict)}: ${d.claim}`.slice(0, 200);
  const description = shown.answer.replace(/\s*\[\d+\]/g, '').slice(0, 300);
  const jsonLd = claimReviewJsonLd({
    claim: d.claim,
    verdict: shown.verdict,
    url: d.url,
    datePublished: (d.curated?.reviewedAt ?? d.answeredAt).slice(0, 10),
    organisation: { name: d.siteName, url: d.siteUrl },
    firstSeen: d.answeredAt.slice(0, 10),
    sources: shown.citations.map((c) => ({ title: c.title, url: `${d.url}#c${c.n}` })),
  });
  const machine = reviewed
    ? `<section aria-labelledby="machine"><h2 id="machine">Machine answer (before review)</h2><p>${badge(d.verdict)} confidence ${Math.round(d.confidence * 100)}%</p><p>${escapeHtml(d.answer)}</p></section>`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<meta name="description" content="${escapeHtml(description)}">
<meta property="og:type" content="article">
<meta property="og:site_name" content="${escapeHtml(d.siteName)}">
<meta property="og:title" content="${escapeHtml(title)}">
<meta property="og:description" content="${escapeHtml(description)}">
${isAbsolute(d.url) ? `<meta property="og:url" content="${escapeHtml(d.url)}">\n` : ''}<meta name="twitter:card" content="summary">
<link rel="canonical" href="${escapeHtml(d.url)}">
<script type="application/ld+json">${jsonForScript(jsonLd)}</script>
<style>
body{font:16px/1.5 system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
.badge{display:inline-block;padding:.1rem .6rem;border-radius:1rem;font-weight:700;border:2px solid currentColor}
.badge-supported{color:#0a5d1e}.badge-refuted{color:#9b1111}.badge-not_enough_info{color:#5a4a00}
blockquote{margin:.3rem 0 1rem;padding:.4rem .8rem;border-left:4px solid #888;background:#f5f5f5}
mark{background:#ffe680}.reviewed{border:2px solid #0a5d1e;padding:.2rem .5rem;border-radius:.4rem}
</style>
</head>
<body>
<main>
<p><small>${escapeHtml(d.siteName)} · answer ${escapeHtml(d.answerId)}</small></p>
<h1>${escapeHtml(d.claim)}</h1>
<p class="verdict">${badge(shown.verdict)}${reviewed ? '' : ` confidence ${Math.round(d.confidence * 100)}%`}</p>
<p class="status">${
    reviewed
      ? `<span class="reviewed">Reviewed by a person</span> (${escapeHtml(d.curated!.reviewer)}, ${escapeHtml(d.curated!.reviewedAt.slice(0, 10))})`
      : 'Machine answer, not yet reviewed by a person.'
  }</p>
<section aria-labelledby="answer"><h2 id="answer">Answer</h2><p>${escapeHtml(shown.answer)}</p></section>
<section aria-labelledby="sources"><h2 id="sources">Sources</h2>${citationList(shown.citations)}</section>
${machine}
</main>
</body>
</html>
`;
}
