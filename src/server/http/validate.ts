import type { z } from 'zod';
import { AppError } from '../../errors.js';

/** Parses a request part with a schema; a mismatch is VALIDATION_FAILED naming the first problem. */
export function validate<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
  throw new AppError('VALIDATION_FAILED', `Invalid ${what}: ${where}${issue.message}.`);
}
