import type { z } from 'zod';
import { AppError } from './errors.js';

/**
 * Parses input from the edge (HTTP body, socket payload, bot message) with a schema; a mismatch
 * is VALIDATION_FAILED naming every problem: "Invalid body: name: Too small; role: ...".
 */
export function validate<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) =>
    issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message,
  );
  throw new AppError('VALIDATION_FAILED', `Invalid ${what}: ${problems.join('; ')}.`);
}
