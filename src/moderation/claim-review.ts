// Types only (a dev dependency): the compiler checks the markup against the schema.org vocabulary.
import type { ClaimReview, WithContext } from 'schema-dts';
import type { Verdict } from '../types.js';

/**
 * A verdict on schema.org's rating scale, as fact-checkers publish it (ClaimReview guidelines:
 * 1 = false, 5 = true, with a textual alternateName that search engines show).
 */
export interface VerdictRating {
  ratingValue: number;
  bestRating: number;
  worstRating: number;
  alternateName: string;
}

const RATINGS: Record<Verdict, VerdictRating> = {
  SUPPORTED: { ratingValue: 5, bestRating: 5, worstRating: 1, alternateName: 'True' },
  REFUTED: { ratingValue: 1, bestRating: 5, worstRating: 1, alternateName: 'False' },
  NOT_ENOUGH_INFO: { ratingValue: 3, bestRating: 5, worstRating: 1, alternateName: 'Unproven' },
};

export function verdictRating(verdict: Verdict): VerdictRating {
  return RATINGS[verdict];
}

/** Short human label of a verdict, used by the answer page and the bots. */
export function verdictLabel(verdict: Verdict): string {
  return { SUPPORTED: 'True', REFUTED: 'False', NOT_ENOUGH_INFO: 'Not enough information' }[
    verdict
  ];
}

export interface ClaimReviewInput {
  claim: string;
  verdict: Verdict;
  /** Canonical URL of the answer page. */
  url: string;
  /** ISO date the answer (or its curated review) was published. */
  datePublished: string;
  /** Who reviewed: the organisation running the service. */
  organisation: { name: string; url: string };
  /** Where the claim was first seen (optional in the schema). */
  firstSeen?: string;
  /** Cited documents, as `citation` entries. */
  sources?: { title: string; url: string }[];
}

/**
 * schema.org ClaimReview JSON-LD for one answer, typed by schema-dts (generated from the
 * schema.org vocabulary): a misspelt property or a value of the wrong type does not compile.
 */
export function claimReviewJsonLd(input: ClaimReviewInput): WithContext<ClaimReview> {
  const rating = verdictRating(input.verdict);
  return {
    '@context': 'https://schema.org',
    '@type': 'ClaimReview',
    url: input.url,
    claimReviewed: input.claim,
    datePublished: input.datePublished,
    author: { '@type': 'Organization', name: input.organisation.name, url: input.organisation.url },
    reviewRating: { '@type': 'Rating', ...rating },
    itemReviewed: {
      '@type': 'Claim',
      ...(input.firstSeen ? { datePublished: input.firstSeen } : {}),
      appearance: { '@type': 'CreativeWork', text: input.claim },
    },
    ...(input.sources && input.sources.length > 0
      ? {
          citation: input.sources.map((s) => ({
            '@type': 'CreativeWork',
            name: s.title,
            url: s.url,
          })),
        }
      : {}),
  };
}
