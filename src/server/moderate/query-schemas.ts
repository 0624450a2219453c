import { z } from 'zod';

/**
 * The moderation API's query parameters: routes validate `req.query` with these, and the OpenAPI
 * document lists its parameters from the same schemas, so the two cannot drift.
 */
export const listQuery = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(500)
    .default(100)
    .meta({ description: 'How many items to return, newest or most active first.' }),
});

export const clustersQuery = listQuery.extend({
  order: z
    .enum(['active', 'growth'])
    .default('active')
    .meta({ description: 'Most asked within the window, or fastest growing.' }),
});

export const searchQuery = z.object({
  q: z.string().trim().min(1, 'the search text is empty').meta({ description: 'Search text.' }),
  k: z.coerce.number().int().min(1).max(20).default(8).meta({ description: 'Passages wanted.' }),
});
