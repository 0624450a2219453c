import { createHmac, timingSafeEqual } from 'node:crypto';

export const TIMESTAMP_HEADER = 'x-factcheck-timestamp';
export const SIGNATURE_HEADER = 'x-factcheck-signature';

/** `sha256=<hex>` of HMAC-SHA256(secret, "<timestamp>.<body>"): the timestamp is signed too. */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export type SignatureProblem = 'missing' | 'stale' | 'mismatch';

/**
 * Checks a signed delivery as a receiver should: the timestamp within `windowSeconds` of now
 * (so a captured request cannot be replayed later) and the signature equal in constant time.
 */
export function verifyWebhook(
  secret: string,
  headers: { timestamp?: string | null; signature?: string | null },
  body: string,
  windowSeconds: number,
  nowSeconds: number = Math.floor(Date.now() / 1000),
): { ok: true } | { ok: false; problem: SignatureProblem } {
  const { timestamp, signature } = headers;
  if (!timestamp || !signature || !/^\d{1,12}$/.test(timestamp))
    return { ok: false, problem: 'missing' };
  if (Math.abs(nowSeconds - Number(timestamp)) > windowSeconds)
    return { ok: false, problem: 'stale' };
  const expected = Buffer.from(signWebhook(secret, Number(timestamp), body));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return { ok: false, problem: 'mismatch' };
  }
  return { ok: true };
}
