import { z } from 'zod';
import { ERROR_CODES, type ErrorCode } from '../../errors.js';
import { STANCES, VERDICTS } from '../../types.js';
import { hasControlCharacters } from '../claim-input.js';

/**
 * The core API's shapes: the requests its routes validate and the responses they send. The
 * OpenAPI document is generated from these (openapi-document.ts); a schema registered in
 * `coreSchemas` becomes `#/components/schemas/<id>`.
 */
export const coreSchemas = z.registry<{ id: string }>();

/**
 * A claim's length and emptiness are checked by `validateClaimText` (code points, with its own
 * codes CLAIM_EMPTY / CLAIM_TOO_LONG), so the limits are described here, not enforced twice.
 */
const claimText = z.string().meta({
  minLength: 1,
  maxLength: 2000,
  description:
    'At most MAX_CLAIM_LENGTH (2000) code points; refused as CLAIM_EMPTY / CLAIM_TOO_LONG.',
});

export const checkBody = z.object({ claim: claimText });

/** A screenshot as a multipart file part: sniffed by its bytes, never by its name or type. */
const imageFile = z
  .custom<Buffer>((v) => Buffer.isBuffer(v), 'a file is required')
  .meta({
    type: 'string',
    format: 'binary',
    description:
      'PNG, JPEG or WebP, at most OCR_MAX_IMAGE_BYTES (5 MB) and OCR_MAX_PIXELS; refused as IMAGE_UNSUPPORTED, IMAGE_TOO_LARGE, IMAGE_TOO_MANY_PIXELS, IMAGE_CORRUPT or OCR_NO_TEXT. Animated images: the first frame is read.',
  });

/** `POST /api/v1/check` as multipart/form-data: a screenshot, and optionally the claim typed beside it. */
export const checkImageForm = z.object({
  image: imageFile,
  claim: claimText
    .meta({
      description:
        'Checked instead of the text read off the image (`ocr` still says what was read).',
    })
    .optional(),
});

/** `POST /api/v1/read-image`: a screenshot to read without checking it. */
export const readImageForm = z.object({ image: imageFile });

export const stanceBody = z.object({
  claim: claimText,
  evidence: z.string().meta({
    minLength: 1,
    maxLength: 20000,
    description:
      'At most MAX_EVIDENCE_LENGTH (20000) code points; refused as EVIDENCE_EMPTY / EVIDENCE_TOO_LONG.',
  }),
});

export const answerIdParam = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

/** The answer page accepts longer ids than the API (an unknown one is a 404 either way). */
export const answerPageIdParam = z.string().regex(/^[A-Za-z0-9_-]{1,100}$/);

export const feedbackBody = z.object({
  helpful: z.boolean(),
  reason: z
    .string()
    .max(1000)
    .refine((r) => !hasControlCharacters(r), 'must not contain control characters')
    .optional(),
});

/** Longest span one request may ask for (a cited span is a few sentences). */
const MAX_SPAN = 20_000;
const offset = z
  .string()
  .regex(/^\d{1,9}$/, 'must be a non-negative integer')
  .transform(Number);
export const spanQuery = z
  .object({ start: offset, end: offset })
  .refine((q) => q.end > q.start, { message: 'end must be greater than start', path: ['end'] })
  .refine((q) => q.end - q.start <= MAX_SPAN, {
    message: `at most ${MAX_SPAN} characters`,
    path: ['end'],
  });
export const docIdParam = z.string().min(1).max(300);

export const errorBody = z
  .object({
    error: z
      .object({
        code: z.enum(Object.keys(ERROR_CODES) as [ErrorCode, ...ErrorCode[]]),
        message: z.string(),
      })
      .loose(),
  })
  .register(coreSchemas, { id: 'Error' });

export const stanceSchema = z.enum(STANCES).register(coreSchemas, { id: 'Stance' });
export const verdictSchema = z.enum(VERDICTS).register(coreSchemas, { id: 'Verdict' });
const confidence = z.number().min(0).max(1);

/** What was read off a screenshot (the `ocr` of a check result, and the read-image answer). */
export const imageRead = z
  .object({
    text: z
      .string()
      .meta({ description: 'The claim text read, chat chrome removed, lines joined.' }),
    lang: z.enum(['en', 'zh', 'mixed']),
    confidence: z
      .number()
      .min(0)
      .max(1)
      .meta({ description: "The engine's mean word confidence." }),
    isLowConfidence: z
      .boolean()
      .meta({ description: 'Below OCR_LOW_CONFIDENCE: the answer says the reading may be wrong.' }),
    isFirstFrameOnly: z
      .boolean()
      .optional()
      .meta({ description: 'An animated image: only its first frame was read.' }),
  })
  .register(coreSchemas, { id: 'ImageRead' });

export const quotedSpan = z
  .object({
    docId: z.string(),
    title: z.string(),
    source: z.string().meta({ description: 'Path relative to the knowledge folder.' }),
    start: z.int().nonnegative().meta({ description: 'UTF-16 index into the source text.' }),
    end: z.int().nonnegative(),
    quote: z.string().meta({ description: 'Exactly sourceText.slice(start, end).' }),
  })
  .meta({ description: 'A span of a knowledge document; quote is exactly its source slice.' })
  .register(coreSchemas, { id: 'QuotedSpan' });

export const citation = quotedSpan
  .extend({ n: z.int(), score: z.number(), stance: stanceSchema })
  .register(coreSchemas, { id: 'Citation' });

/** The check result of DESIGN.md; extra fields are welcome. */
export const checkResult = z
  .object({
    claim: z.string(),
    verdict: verdictSchema,
    confidence,
    answer: z.string().meta({ description: '[n] markers refer to citations[].n.' }),
    citations: z.array(citation),
    answerId: z.string(),
    ocr: imageRead
      .optional()
      .meta({ description: 'For a screenshot claim: what was read off it.' }),
  })
  .loose()
  .register(coreSchemas, { id: 'CheckResult' });

export const feedbackCounts = z
  .object({ helpful: z.int().nonnegative(), notHelpful: z.int().nonnegative() })
  .register(coreSchemas, { id: 'FeedbackCounts' });

export const storedAnswer = checkResult
  .extend({ createdAt: z.iso.datetime(), indexVersion: z.string(), feedback: feedbackCounts })
  .meta({ description: 'The answer as given, with when, the index version and feedback counts.' })
  .register(coreSchemas, { id: 'StoredAnswer' });

export const stanceResult = z
  .object({ stance: stanceSchema, confidence })
  .register(coreSchemas, { id: 'StanceResult' });

export const feedbackRecorded = z
  .object({ answerId: z.string(), feedback: feedbackCounts })
  .register(coreSchemas, { id: 'FeedbackRecorded' });

export const sourceContext = quotedSpan
  .extend({ context: z.object({ start: z.int(), end: z.int(), text: z.string() }) })
  .register(coreSchemas, { id: 'SourceContext' });

export type CheckResponse = z.infer<typeof checkResult>;
export type ImageReadResponse = z.infer<typeof imageRead>;
export type StoredAnswerResponse = z.infer<typeof storedAnswer>;
export type StanceResponse = z.infer<typeof stanceResult>;
export type FeedbackResponse = z.infer<typeof feedbackRecorded>;
