import { type Bundle, type ZObject } from 'zapier-platform-core';
import {
  checkItem,
  chunk,
  failed,
  succeeded,
  summarize,
  type BulkItemResult,
  type BulkSummary,
} from '../core/bulk';
import { malformed, userMessage } from '../core/errors';
import { parseJsonBody } from '../core/http';
import { parsePositiveInt, requireItems } from '../core/input';
import { AWIN_BATCH_SIZE, AWIN_MAX_LINKS_PER_RUN, AwinClient } from './client';

import { readAwinLinkRequest } from './fields';

import { AWIN_NAME, awinProblem } from './errors';

import {
  echoSchema,
  generateSchema,
  type AwinBatchOutcome,
  type AwinLinkRequest,
  type BatchResponse,
} from './schemas';

function echoOf(response: BatchResponse): { advertiserId?: number } | undefined {
  if (response.request) return response.request;
  const body = response.body;
  if (typeof body === 'object' && body !== null && 'request' in body) {
    const parsed = echoSchema.safeParse((body as { request: unknown }).request);
    return parsed.success ? parsed.data : undefined;
  }
  return undefined;
}

/**
 * Pairs Awin's answers with our requests: by position, checked against the request echo where
 * Awin sends one; when the positions disagree with the echoes, by the echoed advertiser instead.
 */
export function matchBatchResponses(
  requests: AwinLinkRequest[],
  responses: BatchResponse[],
): (BatchResponse | undefined)[] {
  const positional = responses.length === requests.length;
  const agrees = (response: BatchResponse, request: AwinLinkRequest): boolean => {
    const echo = echoOf(response);
    return echo?.advertiserId === undefined || echo.advertiserId === request.advertiserId;
  };
  if (positional && responses.every((response, index) => agrees(response, requests[index]))) {
    return responses;
  }
  const unused = new Set(responses.map((_, index) => index));
  return requests.map((request, position) => {
    const byEcho = [...unused].find(
      (index) => echoOf(responses[index])?.advertiserId === request.advertiserId,
    );
    const chosen = byEcho ?? (positional && unused.has(position) ? position : undefined);
    if (chosen === undefined) return undefined;
    unused.delete(chosen);
    return responses[chosen];
  });
}

export function batchOutcome(
  response: BatchResponse | undefined,
  advertiserId: number,
): AwinBatchOutcome {
  if (!response) {
    return { error: 'Awin returned no result for this item. Run the step again for this link.' };
  }
  const body =
    typeof response.body === 'string'
      ? (parseJsonBody(response.body) ?? response.body)
      : response.body;
  if (response.status >= 200 && response.status < 300) {
    const parsed = generateSchema.safeParse(body);
    return parsed.success
      ? { url: parsed.data.url }
      : { error: malformed(AWIN_NAME, response.status, 'no url in this item').message };
  }
  return { error: awinProblem(response.status, body, { advertiserId }).message };
}

export interface AwinBulkLink extends BulkItemResult {
  advertiserId: number | null;
  destinationUrl: string | null;
}

type Prepared = { index: number; request: AwinLinkRequest };

/**
 * A whole generate-batch call that fails (a server error, an unreadable answer) fails only its own
 * items. An expired token or a rate limit stops the run, so Zapier can ask to reconnect or retry.
 */
export async function chunkOutcomes(
  z: ZObject,
  count: number,
  call: () => Promise<AwinBatchOutcome[]>,
): Promise<AwinBatchOutcome[]> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof z.errors.ExpiredAuthError || error instanceof z.errors.ThrottledError)
      throw error;
    if (error instanceof z.errors.Error)
      return Array.from({ length: count }, () => ({ error: userMessage(error) }));
    throw error;
  }
}

/**
 * "Generate Awin Tracking Links in Bulk": every line item checked before any request, the valid
 * ones sent in generate-batch calls of at most AWIN_BATCH_SIZE, and one result per item, in input
 * order, each with its link or the reason it failed.
 */
export async function generateAwinLinks(
  z: ZObject,
  bundle: Bundle,
): Promise<BulkSummary<AwinBulkLink>> {
  const items = requireItems(
    z,
    bundle.inputData.links,
    'Links',
    AWIN_MAX_LINKS_PER_RUN,
    `Split the list into runs of up to ${AWIN_MAX_LINKS_PER_RUN} (for example with Looping by Zapier).`,
  );
  const results: AwinBulkLink[] = items.map((item, position) => ({
    index: position + 1,
    advertiserId: parsePositiveInt(item.advertiserId) ?? null,
    destinationUrl:
      typeof item.destinationUrl === 'string' ? item.destinationUrl.trim() || null : null,
    ...failed('Not processed.'),
  }));

  const valid: Prepared[] = [];
  items.forEach((item, position) => {
    const checked = checkItem(z, () => readAwinLinkRequest(z, item, `Item ${position + 1}: `));
    if ('error' in checked) Object.assign(results[position], failed(checked.error));
    else valid.push({ index: position, request: checked.value });
  });

  if (valid.length > 0) {
    const awin = new AwinClient(z, bundle);
    const publisherId = await awin.resolvePublisherId(bundle.inputData.publisherId);
    for (const part of chunk(valid, AWIN_BATCH_SIZE)) {
      const outcomes = await chunkOutcomes(z, part.length, () =>
        awin.generateBatch(
          publisherId,
          part.map((prepared) => prepared.request),
        ),
      );
      part.forEach((prepared, i) => {
        const outcome = outcomes[i];
        Object.assign(
          results[prepared.index],
          outcome.url !== undefined ? succeeded(outcome.url) : failed(outcome.error),
        );
      });
    }
  }
  return summarize(results);
}
