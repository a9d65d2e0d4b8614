import { type Bundle, type ZObject } from 'zapier-platform-core';
import { z as zod } from 'zod';

import { readThrough } from '../core/cache';
import { awinCacheKey } from './cache';
import { type AwinClient } from './client';
import { type AwinPromotionOutput, promotionOutput } from './outputs';
import { type AwinPromotion, type AwinPromotionFilters, promotionSchema } from './schemas';

/**
 * Reading Awin's promotions and vouchers page by page, for the search and the polling trigger.
 *
 * Paging is not documented beyond "there is pagination": not the first page's number, not the
 * largest or default page size, not the order. Assumed here (the shared api/awin.md's safe choice):
 * pages count from 1 and a page size of at most 200 is honoured. Read defensively: stop at an empty
 * page, at a page that brings no promotion not already seen (page numbers ignored or counted from
 * 0), at `pagination.total`, or at a page shorter than the page size Awin says it used (else the
 * one asked for); and never read more than a fixed number of pages per run.
 */

/** The search asks for 200 a page, at most 5 pages: up to 1,000 offers, 5 of the 20 calls a minute. */
const PROMOTION_SEARCH_PAGE_SIZE = 200;
const PROMOTION_SEARCH_MAX_PAGES = 5;

/** A poll returns at most 100 new items, so the trigger needs no more than 100 offers. */
const PROMOTION_POLL_LIMIT = 100;
/** In case Awin pages in smaller pages than asked for: a poll still makes at most 4 calls. */
const PROMOTION_POLL_MAX_PAGES = 4;

/** How long the search keeps a list it read: a sheet of rows re-uses it instead of re-reading. */
const PROMOTION_CACHE_TTL_SECONDS = 10 * 60;

interface PromotionRead {
  promotions: AwinPromotion[];
  /** False when the page cap or the item limit stopped the reading before Awin's list ended. */
  complete: boolean;
}

/** True when the page just read is the last one. */
function lastPage(
  page: number,
  received: number,
  receivedSoFar: number,
  pagination: { pageSize?: number | null; total?: number | null } | null,
  askedSize: number,
): boolean {
  const total = pagination?.total ?? null;
  if (total !== null && total >= 0) {
    // A total smaller than what already came cannot count items: read it as a number of pages.
    return total >= receivedSoFar ? receivedSoFar >= total : page >= total;
  }
  const size = pagination?.pageSize && pagination.pageSize > 0 ? pagination.pageSize : askedSize;
  return received < size;
}

async function readPromotions(
  awin: AwinClient,
  z: ZObject,
  publisherId: number,
  filters: AwinPromotionFilters,
  limits: { pageSize: number; maxPages: number; maxItems?: number },
): Promise<PromotionRead> {
  const seen = new Map<number, AwinPromotion>();
  let receivedSoFar = 0;
  for (let page = 1; page <= limits.maxPages; page++) {
    const answer = await awin.promotionsPage(publisherId, filters, page, limits.pageSize);
    receivedSoFar += answer.received;
    const before = seen.size;
    for (const promotion of answer.promotions) {
      if (!seen.has(promotion.promotionId)) seen.set(promotion.promotionId, promotion);
    }
    const promotions = [...seen.values()];
    if (answer.received === 0) return { promotions, complete: true };
    if (seen.size === before && answer.promotions.length > 0) {
      z.console.log(`Awin sent page ${page} of promotions again; stopped reading there.`);
      return { promotions, complete: true };
    }
    if (lastPage(page, answer.received, receivedSoFar, answer.pagination, limits.pageSize)) {
      return { promotions, complete: true };
    }
    if (limits.maxItems !== undefined && seen.size >= limits.maxItems) {
      return { promotions, complete: false };
    }
  }
  z.console.log(
    `Read the first ${limits.maxPages} pages of Awin promotions (${seen.size} offers) and stopped ` +
      'there; choose an Advertiser or a Type to look through fewer.',
  );
  return { promotions: [...seen.values()], complete: false };
}

// --- the search ----------------------------------------------------------------------------------

const cachedPromotionsSchema = zod.lazy(() =>
  zod.object({ promotions: zod.array(promotionSchema) }),
);

/** The search's list: from the cache when a run in the last minutes read the same one. */
export async function searchablePromotions(
  awin: AwinClient,
  z: ZObject,
  bundle: Bundle,
  publisherId: number,
  filters: AwinPromotionFilters,
): Promise<AwinPromotion[]> {
  const key = awinCacheKey('promotions', bundle, [publisherId, filters]);
  const { promotions } = await readThrough(
    z,
    key,
    PROMOTION_CACHE_TTL_SECONDS,
    cachedPromotionsSchema,
    async () => {
      const read = await readPromotions(awin, z, publisherId, filters, {
        pageSize: PROMOTION_SEARCH_PAGE_SIZE,
        maxPages: PROMOTION_SEARCH_MAX_PAGES,
      });
      return { promotions: read.promotions };
    },
    "Awin's promotions",
  );
  return promotions;
}

function words(text: string): string[] {
  return [...new Set(text.toLowerCase().split(/\s+/).filter(Boolean))];
}

function addedAt(promotion: AwinPromotion): number {
  const at = promotion.dateAdded === null ? NaN : Date.parse(promotion.dateAdded);
  return Number.isNaN(at) ? 0 : at;
}

/** Newest `dateAdded` first; the higher promotionId first on a tie (or without dates). */
function newestFirst(a: AwinPromotion, b: AwinPromotion): number {
  return addedAt(b) - addedAt(a) || b.promotionId - a.promotionId;
}

/**
 * The promotions whose title, description or voucher code hold every word of the query, best
 * first: the voucher code typed exactly, then the whole query in the title, then more of its words
 * in the title, then the newest. Without a query: every promotion, newest first.
 */
export function rankPromotions(promotions: AwinPromotion[], query?: string): AwinPromotion[] {
  const wanted = words(query ?? '');
  if (wanted.length === 0) return [...promotions].sort(newestFirst);
  const phrase = wanted.join(' ');
  return promotions
    .flatMap((promotion) => {
      const code = promotion.voucher?.code?.trim().toLowerCase() ?? '';
      const title = (promotion.title ?? '').toLowerCase();
      const text = [title, (promotion.description ?? '').toLowerCase(), code].join('\n');
      if (!wanted.every((word) => text.includes(word))) return [];
      const score =
        (code !== '' && code === phrase ? 1000 : 0) +
        (title.includes(phrase) ? 100 : 0) +
        wanted.filter((word) => title.includes(word)).length;
      return [{ promotion, score }];
    })
    .sort((a, b) => b.score - a.score || newestFirst(a.promotion, b.promotion))
    .map(({ promotion }) => promotion);
}

// --- the trigger ---------------------------------------------------------------------------------

/** `YYYY-MM-DD` of the day before `now`, in UTC: Awin's `updatedSince` has a day's granularity. */
function yesterday(now = Date.now()): string {
  return new Date(now - 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

/**
 * The offers a poll returns, newest `dateAdded` first, at most 100. Only offers added or changed
 * since yesterday are asked for (Zapier deduplicates on the id, so one seen before never fires
 * again); when Zapier loads a sample for the Zap editor, the newest offers of any date.
 */
export async function newPromotions(
  awin: AwinClient,
  z: ZObject,
  publisherId: number,
  filters: AwinPromotionFilters,
  options: { clickref?: string; loadingSample?: boolean; now?: number },
): Promise<AwinPromotionOutput[]> {
  const asked = options.loadingSample
    ? filters
    : { ...filters, updatedSince: yesterday(options.now) };
  const read = await readPromotions(awin, z, publisherId, asked, {
    pageSize: PROMOTION_POLL_LIMIT,
    maxPages: PROMOTION_POLL_MAX_PAGES,
    maxItems: PROMOTION_POLL_LIMIT,
  });
  return read.promotions
    .sort(newestFirst)
    .slice(0, PROMOTION_POLL_LIMIT)
    .map((promotion) => promotionOutput(promotion, publisherId, options.clickref));
}
