import { type EverflowAssets } from './outputs';
import {
  type EverflowAssetCreative,
  type EverflowAssetOffer,
  type EverflowCoupon,
} from './schemas';
import { type EverflowAssetRequest } from './fields';
import { checkNetworkCaps } from './assetsCaps';
import {
  AssetPackage,
  addCoupons,
  creativeOutput,
  DEFAULT_URL,
  failedLink,
  linkEntry,
  noteIncomplete,
  offerUrlsOf,
  packageLink,
  reserve,
  skip,
  usableCreative,
  webUrl,
  type OfferSlot,
  type PackageUrl,
} from './assetsPackage';
import {
  listFailure,
  paced,
  readPages,
  type AssetRun,
  type Attempt,
  type Listing,
} from './assetsRun';

// The package of a network key for one affiliate: which offers the affiliate may run, then one
// Everflow call per click link and per impression link, paced like the bulk action; creatives and
// coupon codes come from the network's lists.

/** Network lists (offers, creatives, coupon codes) per page. */
const NETWORK_LIST_PAGE_SIZE = 500;

const notRunnableByAffiliate = (affiliateId: number) =>
  `Affiliate ${affiliateId} may not run this offer (not approved for it, or it is not visible to ` +
  'them). Approve the affiliate for the offer in Everflow, or leave the offer out.';

/** One runnable offer of a network package: its URLs, and the links and calls it will take. */
interface NetworkPlan {
  slot: OfferSlot;
  offer: EverflowAssetOffer;
  urls: PackageUrl[];
  links: number;
  calls: number;
  /** A default click link made only for the creatives' and coupon codes' links. */
  assetClick: boolean;
}

function planNetworkOffer(
  slot: OfferSlot,
  offer: EverflowAssetOffer,
  request: EverflowAssetRequest,
): NetworkPlan {
  const urls = offerUrlsOf(offer, request);
  const click = request.linkTypes.includes('click');
  const impression = request.linkTypes.includes('impression');
  const assetClick = !click && (request.includeCreatives || request.includeCouponCodes);
  return {
    slot,
    offer,
    urls,
    links: urls.length * request.linkTypes.length,
    calls: (click ? urls.length : 0) + (impression ? 1 : 0) + (assetClick ? 1 : 0),
    assetClick,
  };
}

/**
 * `is_direct_link` of a network click link: a forced redirect link is a redirect link (the
 * contract says so); otherwise the offer's direct-linking setting says which, when the answer has it.
 */
function networkDirectness(
  offer: Pick<EverflowAssetOffer, 'is_use_direct_linking'>,
  redirectLinks: boolean,
): boolean | null {
  if (redirectLinks) return false;
  return offer.is_use_direct_linking ?? null;
}

const NOT_A_WEB_LINK =
  'Everflow answered with something that is not a web address (http or https), so no link was made.';

/** A link Everflow made, kept only when it is a web address a user can be handed. */
async function madeLink(run: AssetRun, request: () => Promise<string>): Promise<Attempt<string>> {
  const made = await paced(run, request);
  if ('skip' in made) return made;
  const link = webUrl(made.value);
  return link ? { value: link } : { skip: NOT_A_WEB_LINK };
}

/** Every link of one runnable network offer: one Everflow call per click link and per impression. */
async function makeNetworkLinks(
  run: AssetRun,
  plan: NetworkPlan,
  affiliateId: number,
): Promise<void> {
  const { everflow, request } = run;
  const { slot, offer, urls } = plan;
  const isDirect = networkDirectness(offer, request.redirectLinks);
  const click = (urlId: number) =>
    everflow.networkLink({
      network_offer_id: slot.offerId,
      network_affiliate_id: affiliateId,
      ...(urlId > 0 ? { network_offer_url_id: urlId } : {}),
      ...request.subs,
      ...(request.redirectLinks ? { is_redirect_link: true } : {}),
    });
  const work: Promise<void>[] = [];
  for (const linkType of request.linkTypes) {
    if (linkType === 'click') {
      for (const url of urls) {
        const at = reserve(slot);
        work.push(
          madeLink(run, () => click(url.id)).then((made) => {
            slot.entries[at] = [
              'value' in made
                ? linkEntry(slot, linkType, url, isDirect, made.value)
                : { skip: failedLink(linkType, url, made.skip) },
            ];
            if (url.id === 0 && 'value' in made) slot.clickLink = made.value;
          }),
        );
      }
      continue;
    }
    const at = reserve(slot);
    work.push(
      madeLink(run, () => everflow.networkImpressionLink(slot.offerId, affiliateId)).then(
        (made) => {
          // One impression link per offer from Everflow; each offer URL's carries its `uid`.
          slot.entries[at] =
            'skip' in made
              ? [{ skip: failedLink(linkType, DEFAULT_URL, made.skip) }]
              : urls.map((url) =>
                  linkEntry(slot, linkType, url, null, packageLink(made.value, url.id, request)),
                );
        },
      ),
    );
  }
  if (plan.assetClick) {
    const at = reserve(slot);
    work.push(
      madeLink(run, () => click(0)).then((made) => {
        if ('value' in made) slot.clickLink = made.value;
        else
          slot.entries[at] = [{ skip: `Click link for creatives and coupon codes: ${made.skip}` }];
      }),
    );
  }
  await Promise.all(work);
}

/** An offer of the package that the affiliate may run, with its slot. */
interface OfferInReach {
  slot: OfferSlot;
  offer: EverflowAssetOffer;
}

/**
 * A network package, step by step: the offers in reach, their plans checked against the cap, then
 * their links made while the creatives and coupon codes are read.
 */
export async function networkPackage(run: AssetRun): Promise<EverflowAssets> {
  const { z, request } = run;
  const affiliateId = request.affiliateId as number;
  const pkg = new AssetPackage();
  const plans = (await offersInReach(run, pkg, affiliateId)).map(({ slot, offer }) =>
    planNetworkOffer(slot, offer, request),
  );
  checkNetworkCaps(z, request, plans);

  const inReach = new Set(plans.map(({ slot }) => slot.offerId));
  const [creatives, coupons] = await Promise.all([
    request.includeCreatives ? readCreatives(run) : undefined,
    request.includeCouponCodes ? readCoupons(run, affiliateId) : undefined,
    Promise.all(plans.map((plan) => makeNetworkLinks(run, plan, affiliateId))),
  ]);
  if (creatives) addCreatives(pkg, creatives, inReach);
  if (coupons) {
    addCoupons(pkg, coupons.items, inReach, request);
    noteIncomplete(pkg, 'Coupon codes', coupons);
  }
  return pkg.result();
}

/**
 * Gives every offer of the package its slot (those the affiliate may not run get their skip
 * reason) and returns the offers in reach, in package order. The affiliate's runnable offers are
 * read alongside the network's active offers (All Offers) before the chosen offers' details.
 */
async function offersInReach(
  run: AssetRun,
  pkg: AssetPackage,
  affiliateId: number,
): Promise<OfferInReach[]> {
  const { everflow, request } = run;
  const [runnableIds, table] = await Promise.all([
    run.limit(() => everflow.affiliateRunnableOfferIds(affiliateId)),
    request.scope === 'all' ? readActiveOffers(run) : undefined,
  ]);
  const runnable = new Set(runnableIds);
  return table
    ? listedOffers(pkg, table, runnable, affiliateId)
    : chosenOffers(run, pkg, runnable, affiliateId);
}

function readActiveOffers(run: AssetRun): Promise<Listing<EverflowAssetOffer>> {
  return readPages(
    run,
    NETWORK_LIST_PAGE_SIZE,
    async (page) => {
      const answer = await run.everflow.activeOffersPage(page, NETWORK_LIST_PAGE_SIZE);
      return { items: answer.offers, totalCount: answer.paging.totalCount };
    },
    (offer) => offer.network_offer_id,
  );
}

/** All Offers: every active offer listed has a slot; the affiliate's runnable ones are in reach. */
function listedOffers(
  pkg: AssetPackage,
  table: Listing<EverflowAssetOffer>,
  runnable: Set<number>,
  affiliateId: number,
): OfferInReach[] {
  const found: OfferInReach[] = [];
  for (const offer of table.items) {
    const slot = pkg.add(offer.network_offer_id, offer.name);
    if (runnable.has(offer.network_offer_id)) found.push({ slot, offer });
    else skip(slot, notRunnableByAffiliate(affiliateId));
  }
  noteIncomplete(pkg, 'Offers', table);
  return found;
}

/** Chosen Offers: each runnable one's details are asked side by side; kept in the order chosen. */
async function chosenOffers(
  run: AssetRun,
  pkg: AssetPackage,
  runnable: Set<number>,
  affiliateId: number,
): Promise<OfferInReach[]> {
  const found: (OfferInReach | undefined)[] = [];
  await Promise.all(
    run.request.offerIds.map(async (id, position) => {
      const slot = pkg.add(id, null);
      if (!runnable.has(id)) {
        skip(slot, notRunnableByAffiliate(affiliateId));
        return;
      }
      const details = await paced(run, () => run.everflow.networkOfferDetails(id));
      if ('skip' in details) {
        skip(slot, details.skip);
        return;
      }
      slot.name = details.value.name;
      found[position] = { slot, offer: details.value };
    }),
  );
  return found.filter((entry): entry is OfferInReach => entry !== undefined);
}

/** The network's active creatives; a first page that fails leaves the list empty and noted. */
function readCreatives(run: AssetRun): Promise<Listing<EverflowAssetCreative>> {
  return readPages(
    run,
    NETWORK_LIST_PAGE_SIZE,
    async (page) => {
      const answer = await run.everflow.activeCreativesPage(page, NETWORK_LIST_PAGE_SIZE);
      return { items: answer.creatives, totalCount: answer.paging.totalCount };
    },
    (creative) => creative.network_offer_creative_id,
  ).catch((error: unknown) => listFailure<EverflowAssetCreative>(run, error));
}

/** The affiliate's coupon codes; a first page that fails leaves the list empty and noted. */
function readCoupons(run: AssetRun, affiliateId: number): Promise<Listing<EverflowCoupon>> {
  return readPages(
    run,
    NETWORK_LIST_PAGE_SIZE,
    async (page) => {
      const answer = await run.everflow.affiliateCouponCodesPage(
        affiliateId,
        page,
        NETWORK_LIST_PAGE_SIZE,
      );
      return { items: answer.coupons, totalCount: answer.paging.totalCount };
    },
    (coupon) => coupon.network_coupon_code_id,
  ).catch((error: unknown) => listFailure<EverflowCoupon>(run, error));
}

/** Adds the usable creatives of offers in reach to their offers. */
function addCreatives(
  pkg: AssetPackage,
  creatives: Listing<EverflowAssetCreative>,
  inReach: Set<number>,
): void {
  for (const creative of creatives.items.filter(usableCreative)) {
    const slot = pkg.get(creative.network_offer_id);
    if (!slot || !inReach.has(slot.offerId)) continue;
    slot.creatives.push(creativeOutput(creative, slot.offerId, slot.clickLink));
  }
  noteIncomplete(pkg, 'Creatives', creatives);
}
