import { AppError } from '../errors.js';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/u;
const DATA_URL = /^data:image\/[a-z0-9.+-]+;base64,/iu;

/**
 * The bytes of an image sent as base64 text (signed webhooks), optionally as a data: URL; the
 * size cap is applied before decoding. Never a URL to fetch: those are refused as unsupported.
 */
export function imageFromBase64(text: string, maxBytes: number): Buffer {
  const body = text.replace(DATA_URL, '').replace(/\s+/gu, '');
  if (body === '' || !BASE64.test(body) || body.length % 4 === 1)
    throw new AppError('IMAGE_UNSUPPORTED', 'The image must be base64 text (PNG, JPEG or WebP).');
  if (Math.floor((body.length * 3) / 4) - (body.match(/=+$/u)?.[0].length ?? 0) > maxBytes)
    throw new AppError('IMAGE_TOO_LARGE', `The image is larger than ${maxBytes} bytes.`);
  return Buffer.from(body, 'base64');
}
