import { GrammyError } from 'grammy';
import type { Message, PhotoSize } from 'grammy/types';
import type { ErrorCode } from '../errors.js';

/** What the Telegram bot reads off a message and says back when it cannot check it. */

export const TEXT_ONLY_HINT =
  'I can only check text. Send the claim as a message, or add it as a caption.';
export const NO_CLAIM_HINT = 'Send me a claim, a forwarded rumor or a screenshot of one.';

/** Refusals of a photo, said to the asker with their message. */
export const IMAGE_REFUSALS = new Set<ErrorCode>([
  'IMAGE_UNSUPPORTED',
  'IMAGE_TOO_LARGE',
  'IMAGE_TOO_MANY_PIXELS',
  'IMAGE_CORRUPT',
  'OCR_NO_TEXT',
]);

/** What a message asks to check: its text, or its picture (with its caption, if any). */
export type Asked = { text: string } | { fileId: string; fileSize?: number; caption: string };

/**
 * The picture of a message: the largest size of a photo (Telegram sends several), or a
 * screenshot sent as a file (an image document).
 */
export function pictureOf(m: Message | undefined): Asked | undefined {
  if (!m) return undefined;
  const caption = (m.caption ?? '').trim();
  const photo = m.photo?.reduce<PhotoSize | undefined>(
    (best, size) => (!best || size.width * size.height > best.width * best.height ? size : best),
    undefined,
  );
  const file = photo ?? (m.document?.mime_type?.startsWith('image/') ? m.document : undefined);
  if (!file) return undefined;
  return { fileId: file.file_id, caption, ...(file.file_size ? { fileSize: file.file_size } : {}) };
}

/**
 * A failed Bot API call as it may be logged: grammY's errors carry the call's payload, and
 * setWebhook's payload holds the webhook secret (in its URL and as secret_token).
 */
export function withoutPayload(err: unknown): unknown {
  if (!(err instanceof GrammyError)) return err;
  return Object.assign(new Error(err.message), {
    method: err.method,
    errorCode: err.error_code,
    description: err.description,
  });
}

/** The text of a message: its text or its media caption. */
export const textOf = (m: Message | undefined): string => (m?.text ?? m?.caption ?? '').trim();
