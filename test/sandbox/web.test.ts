import { AWIN_ADVERTISERS } from '../../sandbox/data/awin';
import {
  EVERFLOW_OFFER_URLS,
  EVERFLOW_OFFERS,
  EVERFLOW_TRACKING_DOMAINS,
  extraEverflowOffers,
} from '../../sandbox/data/everflow';
import { extraImpactCampaigns, IMPACT_ACCOUNTS, IMPACT_CAMPAIGNS } from '../../sandbox/data/impact';
import { OFFERSLOOK_NETWORKS, OFFERSLOOK_OFFERS } from '../../sandbox/data/offerslook';
import { encodedId } from '../../sandbox/everflow';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { WEB_CASES } from '../../sandbox/web';
import { checkLink } from '../../src/linkCheck/check';

/**
 * The sandbox web is built from the data sets: a link to any advertiser, offer or campaign of them
 * (extra offers and campaigns included) lands on a page that answers, with no list of pages to
 * keep up. What fails on purpose is named here, and each such link is a WEB_CASES case.
 */
const EXTRA = 2;
let sandbox: Sandbox;
let baseUrl: string;
beforeAll(async () => {
  sandbox = await startSandbox({ everflowExtraOffers: EXTRA, impactExtraCampaigns: EXTRA });
  baseUrl = sandbox.env.LINK_CHECK_BASE_URL;
});
afterAll(() => sandbox.close());

/** Programmes and offers whose clicks fail on purpose, each a WEB_CASES case. */
const AWIN_INACTIVE = 1010;
const AWIN_HOME_ONLY = 1002;
const OFFERSLOOK_QUIRKS = [870, 205];

const PUBLISHER = 100001;
const awinLinks = AWIN_ADVERTISERS.filter((a) => a.id !== AWIN_INACTIVE).flatMap((a) => [
  `https://www.awin1.com/awclick.php?mid=${a.id}&id=${PUBLISHER}`,
  ...(a.id === AWIN_HOME_ONLY
    ? []
    : [
        `https://www.awin1.com/cread.php?awinmid=${a.id}&awinaffid=${PUBLISHER}` +
          `&ued=${encodeURIComponent(`https://${a.host}/any/page?x=1`)}`,
      ]),
]);

const domain = EVERFLOW_TRACKING_DOMAINS[EVERFLOW_TRACKING_DOMAINS.length - 1].domain;
const everflowLinks = [...EVERFLOW_OFFERS, ...extraEverflowOffers(EXTRA)]
  .filter((o) => o.status === 'active')
  .flatMap((o) => {
    const link = `https://${domain}/${encodedId(7)}/${encodedId(o.id)}/?sub1=a`;
    const urls = EVERFLOW_OFFER_URLS.filter((u) => u.offerId === o.id && u.status === 'active');
    return [link, ...urls.map((u) => `${link}&uid=${u.id}`)];
  });

const { trackingHost, affiliateId } = Object.values(OFFERSLOOK_NETWORKS)[0];
const offerslookLinks = OFFERSLOOK_OFFERS.filter(
  (o) =>
    (o.approved || o.offer_approval === 2) &&
    o.status === 'active' &&
    !OFFERSLOOK_QUIRKS.includes(o.id),
).flatMap((o) => {
  const link = `https://${trackingHost}/index.php?offer_id=${o.id}&aff_id=${affiliateId}`;
  return [link, `${link}&random_url=1`, ...o.extraUrls.map((u) => `${link}&url_id=${u.id}`)];
});

const partnerId = Object.values(IMPACT_ACCOUNTS)[0].partnerId;
const impactLinks = [...IMPACT_CAMPAIGNS, ...extraImpactCampaigns(EXTRA)]
  .filter((c) => c.contract === 'Active')
  .flatMap((c) => {
    const link = `${c.trackingScheme}://${c.trackingHost}/c/${partnerId}/${c.adId}/${c.id}`;
    const deep = `${link}?u=${encodeURIComponent(new URL('/any/page', c.campaignUrl).href)}`;
    const allows = c.allowsDeeplinking === true || c.allowsDeeplinking === 'true';
    return allows ? [link, deep] : [link];
  });

describe('the sandbox web answers every link of the data sets', () => {
  it.each([
    ['Awin', awinLinks],
    ['Everflow', everflowLinks],
    ['Offerslook', offerslookLinks],
    ['Impact', impactLinks],
  ] as const)('%s: each link lands on a page that answers', async (_network, links) => {
    expect(links.length).toBeGreaterThan(3);
    for (const url of links) {
      const result = await checkLink(url, { baseUrl });
      expect({ url, status: result.status, final: result.final_status }).toEqual({
        url,
        status: 'ok',
        final: 200,
      });
    }
  });

  it('names every deliberate failure among the cases', () => {
    const caseUrls = WEB_CASES.map((c) => c.url).join(' ');
    expect(caseUrls).toContain(`mid=${AWIN_INACTIVE}`);
    expect(caseUrls).toContain(`awinmid=${AWIN_HOME_ONLY}`);
    for (const id of OFFERSLOOK_QUIRKS) expect(caseUrls).toContain(`offer_id=${id}`);
  });

  it('leaves a host no data set names unanswered (404)', async () => {
    const result = await checkLink('https://www.unknownshop.example/item/1', { baseUrl });
    expect(result).toMatchObject({ status: 'broken', final_status: 404 });
  });
});
