import { createHash } from 'node:crypto';
import { AppError } from '../errors.js';
import { sniffFormat, type ImageRead, type ImageReader } from '../ocr/index.js';
import type { ClaimImageRepository } from '../store/claim-images.js';
import type { StoredAnswer } from '../store/store.js';
import type { ImageCheckResult } from '../verdict/check-image.js';
import type { Admission, AnswerRequest, AnswerService } from './answer-service.js';
import type { CheckerGate } from './checker-gate.js';
import { validateClaimText } from './claim-input.js';

export interface ImageClaimsDeps {
  reader: ImageReader;
  answers: AnswerService;
  gate: CheckerGate;
  images: ClaimImageRepository;
  /** KEEP_IMAGES: keep each screenshot with its stored answer. */
  keepImages: boolean;
  maxClaimLength: number;
}

/** Reads remembered (a few screenshots' text; the images themselves are not kept). */
const RECENT_READS = 16;

/** A screenshot claim from any channel, with an optional claim typed beside it. */
export type ImageClaimRequest = Omit<AnswerRequest, 'claim' | 'read'> & {
  image: Buffer;
  claim?: string;
};

/** A screenshot read and admitted: `claim` is what will be checked (typed, else read). */
export interface ReadClaim {
  claim: string;
  read: ImageRead;
  image: Buffer;
  admission: Admission;
}

/** An answered screenshot: the stored answer and its result with what was read. */
export interface ImageAnswer {
  stored: StoredAnswer;
  result: ImageCheckResult;
}

/**
 * Screenshot claims on every channel (REST, socket, bots, webhooks): refusals that need no
 * reading come first, then the image is read and its text answered like a typed claim, on the
 * one answer path (screened, stored, clustered on the text read).
 */
export function createImageClaims(deps: ImageClaimsDeps) {
  const { reader, answers } = deps;
  const recent = new Map<string, Promise<ImageRead>>();

  /**
   * The reader, remembering its last few reads by the image's hash: the widget reads an image
   * ("we read: …") and then sends it with the text, and OCR takes seconds. Refusals are not kept.
   */
  function readImage(image: Buffer): Promise<ImageRead> {
    const key = createHash('sha256').update(image).digest('base64');
    const known = recent.get(key);
    if (known) {
      recent.delete(key);
      recent.set(key, known);
      return known;
    }
    const reading = reader.read(image);
    recent.set(key, reading);
    reading.catch(() => recent.delete(key));
    if (recent.size > RECENT_READS) recent.delete(recent.keys().next().value!);
    return reading;
  }

  /**
   * Reads a screenshot claim. Shutting down, a loading index and a bad typed claim are refused
   * before the reading; the image's own refusals (IMAGE_*, OCR_NO_TEXT) come from the reading.
   */
  async function readClaim(image: Buffer, claim?: string): Promise<ReadClaim> {
    if (answers.isClosing) throw new AppError('SHUTTING_DOWN');
    deps.gate.current();
    const typed =
      claim === undefined || claim.trim() === ''
        ? undefined
        : validateClaimText(claim, deps.maxClaimLength);
    const read = await readImage(image);
    const text = typed ?? read.text;
    return { claim: text, read, image, admission: answers.admit(text) };
  }

  /** Answers a screenshot read by `readClaim`; keeps the image with the answer (KEEP_IMAGES). */
  async function answerRead(
    shot: ReadClaim,
    req: Omit<AnswerRequest, 'claim' | 'read'>,
  ): Promise<ImageAnswer> {
    const stored = await answers.answer(
      { ...req, claim: shot.claim, read: shot.read },
      shot.admission,
    );
    if (deps.keepImages)
      await deps.images.save(stored.answerId, {
        format: sniffFormat(shot.image),
        bytes: shot.image,
      });
    return { stored, result: { ...stored.result, ocr: shot.read } };
  }

  return {
    /** The largest image accepted (OCR_MAX_IMAGE_BYTES): edges cap their uploads with it. */
    maxBytes: reader.settings.maxBytes,
    /** Reads the text of a screenshot without checking it (the widget's "we read: …"). */
    read(image: Buffer): Promise<ImageRead> {
      if (answers.isClosing) return Promise.reject(new AppError('SHUTTING_DOWN'));
      return readImage(image);
    },
    readClaim,
    answerRead,
    /** Reads and answers a screenshot (REST, bots). */
    async answer(req: ImageClaimRequest): Promise<ImageAnswer> {
      const { image, claim, ...rest } = req;
      return answerRead(await readClaim(image, claim), rest);
    },
  };
}

export type ImageClaims = ReturnType<typeof createImageClaims>;
