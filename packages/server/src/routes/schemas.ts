import { z } from 'zod';
import { errorEnvelopeSchema } from '../http/error-envelope.ts';

/** Error replies a route documents besides the ones every route can give (429, 500). */
export function errorResponses(...statuses: number[]): Record<number, typeof errorEnvelopeSchema> {
  const responses: Record<number, typeof errorEnvelopeSchema> = {};
  for (const status of [...statuses, 429, 500]) responses[status] = errorEnvelopeSchema;
  return responses;
}

export const authenticated: Record<string, string[]>[] = [{ bearerAuth: [] }, { apiKeyAuth: [] }];

const positiveId = z.coerce.number().int().positive().max(2_147_483_647);

export const idParam = <K extends string>(name: K) => z.strictObject({ [name]: positiveId } as Record<K, typeof positiveId>);

export const messageSchema = z.object({ message: z.string() });

/** `skip`/`limit` of every list: limit 1–100 (default 20); the total goes in `X-Total-Count`. */
export const pagingQuery = {
  skip: z.coerce.number().int().min(0).max(2_147_483_647).default(0),
  limit: z.coerce.number().int().min(1).max(100).default(20),
};

export const totalCountHeader = 'x-total-count';

/** A query parameter holding a ResoftAI id. */
export const idQuery = positiveId;
/** An ISO 8601 date-time with `Z` or an offset, or a plain date (midnight UTC). */
export const isoTimestamp = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()])
  .transform((value) => new Date(value));
