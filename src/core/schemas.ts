import { z as zod } from 'zod';

/** Answer pieces every network client reads the same way. */

/** A number the network may send as a number or as numeric text ("100"). */
export const numberLike = zod
  .union([zod.number(), zod.string().regex(/^\s*-?\d+(\.\d+)?\s*$/)])
  .transform((value) => Number(value));

/** Text that may be missing or null; always null rather than undefined in outputs. */
export const nullableText = zod
  .string()
  .nullish()
  .transform((value) => value ?? null);
