import { z as zod } from 'zod';
import { describeSchemaError } from './errors';
import { parseHttpUrl } from './input';

// Every schema here is built on first use (zod.lazy), not when the app loads: a Zap run's cold start
// builds none of them, and a run builds only the ones it parses with.

/** Answer pieces every network client reads the same way. */

/** A number the network may send as a number or as numeric text ("100"). */
export const numberLike = zod.lazy(() =>
  zod
    .union([zod.number(), zod.string().regex(/^\s*-?\d+(\.\d+)?\s*$/)])
    .transform((value) => Number(value)),
);

/** Text that may be missing or null; always null rather than undefined in outputs. */
export const nullableText = zod.lazy(() =>
  zod
    .string()
    .nullish()
    .transform((value) => value ?? null),
);

/**
 * A link the app may hand to a user: an absolute http(s) URL, trimmed. An empty string, a relative
 * path or a `javascript:` URL fails, so it becomes an error naming the network, never a "success".
 */
export const webLink = zod.lazy(() =>
  zod.string().transform((value, context) => {
    const url = parseHttpUrl(value);
    if (url === undefined) {
      context.addIssue({ code: 'custom', message: 'not a web address (http or https)' });
      return zod.NEVER;
    }
    return url;
  }),
);

// Items of lenient lists that did not parse, counted while one answer is parsed (parsing is
// synchronous, so one counter is enough); `parseAnswer` reads it.
let skippedItems = 0;

/**
 * A list in an answer where one odd item must not fail the rest: the items that parse are kept,
 * the others skipped (and counted, so the client can log how many). Missing or null reads as [].
 */
export function lenientList<T extends zod.ZodType>(item: T) {
  return zod
    .array(zod.unknown())
    .nullish()
    .transform((values) => keepParsed(item, values).items);
}

/**
 * The list an answer is about: it must be there (a renamed key fails loudly rather than reading as
 * "nothing found"), but an item that does not parse is skipped, like lenientList.
 */
export function answerList<T extends zod.ZodType>(item: T) {
  return zod.array(zod.unknown()).transform((values) => keepParsed(item, values).items);
}

/**
 * The one way list items are read: one by one, the ones that parse kept, the others skipped,
 * counted for the answer's log line (`parseAnswer`) and described in `skipped` ("item 2 (a number
 * was expected for id but it was missing)") for a caller that says more.
 */
export function keepParsed<T extends zod.ZodType>(
  item: T,
  values: readonly unknown[] | null | undefined,
): { items: zod.output<T>[]; skipped: string[] } {
  const items: zod.output<T>[] = [];
  const skipped: string[] = [];
  (values ?? []).forEach((value, index) => {
    const parsed = item.safeParse(value);
    if (parsed.success) {
      items.push(parsed.data);
    } else {
      skippedItems += 1;
      skipped.push(`item ${index + 1} (${describeSchemaError(parsed.error)})`);
    }
  });
  return { items, skipped };
}

/** Parses an answer and says how many list items were skipped on the way. */
export function parseAnswer<T>(
  schema: zod.ZodType<T>,
  body: unknown,
): { result: zod.ZodSafeParseResult<T>; skipped: number } {
  skippedItems = 0;
  // With the input in each issue, a failure can say what came instead ("it was a record").
  const result = schema.safeParse(body, { reportInput: true });
  const skipped = skippedItems;
  skippedItems = 0;
  return { result, skipped };
}
