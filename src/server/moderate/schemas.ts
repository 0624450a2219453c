import { z } from 'zod';
import { LISTED_CLAIMS } from '../../moderation/cluster-summaries.js';
import {
  citation,
  feedbackCounts,
  quotedSpan,
  stanceSchema,
  verdictSchema,
} from '../http/schemas.js';

/**
 * The moderation API's response shapes; its OpenAPI components are generated from them
 * (moderation-openapi.ts). Core shapes (Citation, Verdict...) are referenced, not repeated.
 */
export const moderationSchemas = z.registry<{ id: string }>();

const epochMs = z.int().meta({ description: 'Milliseconds since the epoch.' });

export const moderator = z
  .object({
    id: z.int(),
    name: z.string(),
    role: z.enum(['moderator', 'admin']),
    createdAt: epochMs,
    disabled: z.boolean().meta({ description: 'A disabled account cannot log in.' }),
  })
  .register(moderationSchemas, { id: 'Moderator' });

export const oneTimePassword = z
  .object({ moderator, password: z.string() })
  .register(moderationSchemas, { id: 'OneTimePassword' });

export const moderatorSession = z
  .object({
    moderator,
    csrfToken: z.string().meta({ description: 'Send it as X-CSRF-Token on state changes.' }),
    expiresAt: epochMs.optional(),
  })
  .register(moderationSchemas, { id: 'ModeratorSession' });

export const feedClaim = z
  .object({
    id: z.int(),
    clusterId: z.string(),
    answerId: z.string().nullable(),
    text: z.string(),
    channel: z.string().meta({ examples: ['widget', 'rest', 'telegram', 'webhook'] }),
    askedAt: epochMs,
    verdict: verdictSchema.nullable(),
    confidence: z.number().nullable(),
    citations: z.array(
      z
        .object({
          n: z.int(),
          title: z.string(),
          source: z.string(),
          quote: z.string(),
          stance: stanceSchema,
        })
        .partial(),
    ),
    reviewed: z.enum(['curated', 'suggested']).optional(),
    votes: feedbackCounts.optional(),
    read: z
      .string()
      .optional()
      .meta({ description: 'The claim came as a screenshot: the text read off it.' }),
    hasImage: z.literal(true).optional().meta({
      description:
        'The screenshot is kept (KEEP_IMAGES): GET /api/v1/moderate/claims/{answerId}/image.',
    }),
  })
  .meta({ description: 'One incoming claim as the live feed shows it.' })
  .register(moderationSchemas, { id: 'FeedClaim' });

export const curatedSummary = z
  .object({
    id: z.int(),
    verdict: verdictSchema,
    answer: z.string(),
    citations: z.array(citation),
    reviewer: z.string(),
    reviewedAt: epochMs,
  })
  .register(moderationSchemas, { id: 'CuratedSummary' });

export const clusterSummary = z
  .object({
    id: z.string(),
    claim: z.string().meta({ description: 'The representative claim: the first one asked.' }),
    count: z.int().meta({ description: 'Every claim of the cluster.' }),
    claims: z.array(feedClaim).meta({
      description: `The ${LISTED_CLAIMS} most recent claims, oldest of them first.`,
    }),
    counts: z.object({ hour: z.int(), day: z.int(), week: z.int(), total: z.int() }).partial(),
    sparkline: z
      .array(z.int())
      .meta({ description: 'Asks per hour over the last 24 hours, oldest first.' }),
    growth: z.number(),
    lastAskedAt: epochMs,
    curated: curatedSummary.optional(),
  })
  .meta({ description: 'Claims of one rumor with their activity.' })
  .register(moderationSchemas, { id: 'ClusterSummary' });

export const curatedAnswer = z
  .object({
    id: z.int(),
    clusterId: z.string(),
    verdict: verdictSchema,
    answer: z.string(),
    citations: z.array(citation),
    moderatorId: z.int(),
    moderatorName: z.string().optional(),
    createdAt: epochMs,
  })
  .register(moderationSchemas, { id: 'CuratedAnswer' });

export const searchHit = quotedSpan
  .extend({ score: z.number() })
  .meta({ description: 'A passage of the knowledge base with its search score.' })
  .register(moderationSchemas, { id: 'SearchHit' });

export const feedbackItem = z
  .object({
    answerId: z.string(),
    claim: z.string(),
    verdict: verdictSchema,
    reason: z.string().nullable(),
    votedAt: epochMs,
    votes: feedbackCounts,
  })
  .meta({ description: 'A not-helpful vote and the answer it is about.' })
  .register(moderationSchemas, { id: 'FeedbackItem' });

export const auditEntry = z
  .object({
    id: z.int(),
    moderatorId: z.int().nullable(),
    moderatorName: z.string(),
    action: z.string().meta({ examples: ['curated.create', 'document.upload'] }),
    target: z.string().meta({ examples: ['cluster:<id>', 'document:<name>'] }),
    before: z.unknown().meta({ description: 'The state before the action (any JSON), or null.' }),
    after: z.unknown().meta({ description: 'The state after the action (any JSON), or null.' }),
    at: epochMs,
  })
  .register(moderationSchemas, { id: 'AuditEntry' });

export const uploadedDocument = z
  .object({ name: z.string(), bytes: z.int(), modifiedAt: epochMs })
  .register(moderationSchemas, { id: 'UploadedDocument' });

export const ingestJob = z
  .object({ name: z.string(), bytes: z.int().optional(), jobId: z.uuid() })
  .meta({
    description: 'Ingest runs in the background; its progress goes to the /moderate namespace.',
  })
  .register(moderationSchemas, { id: 'IngestJob' });
