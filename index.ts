import { defineApp, version as platformVersion } from 'zapier-platform-core';
import awinTrackingLink from './creates/awinTrackingLink';
import awinTrackingLinksBulk from './creates/awinTrackingLinksBulk';
import checkTrackingLink from './creates/checkTrackingLink';
import checkTrackingLinksBulk from './creates/checkTrackingLinksBulk';
import everflowTrackingAssets from './creates/everflowTrackingAssets';
import everflowTrackingLink from './creates/everflowTrackingLink';
import everflowTrackingLinksBulk from './creates/everflowTrackingLinksBulk';
import impactTrackingLink from './creates/impactTrackingLink';
import impactTrackingLinksBulk from './creates/impactTrackingLinksBulk';
import offerslookTrackingLinks from './creates/offerslookTrackingLinks';
import qrCode from './creates/qrCode';
import trackingLinkForUrl from './creates/trackingLinkForUrl';
import trackingRefEarningsBatch from './creates/trackingRefEarningsBatch';
import packageJson from './package.json';
import advertiserForUrl from './searches/advertiserForUrl';
import awinAdvertiser from './searches/awinAdvertiser';
import awinPromotion from './searches/awinPromotion';
import awinShortLinkQuota from './searches/awinShortLinkQuota';
import everflowCouponCode from './searches/everflowCouponCode';
import everflowOffer from './searches/everflowOffer';
import offerslookOffer from './searches/offerslookOffer';
import trackingRefEarnings from './searches/trackingRefEarnings';
import { authentication } from './src/connection/authentication';
import { declareInputKeys } from './src/core/run';
import awinAdvertiserList from './triggers/dropdowns/awinAdvertiserList';
import awinPublisherAccountList from './triggers/dropdowns/awinPublisherAccountList';
import everflowAffiliateList from './triggers/dropdowns/everflowAffiliateList';
import everflowCreativeList from './triggers/dropdowns/everflowCreativeList';
import everflowOfferList from './triggers/dropdowns/everflowOfferList';
import everflowOfferUrlList from './triggers/dropdowns/everflowOfferUrlList';
import everflowTrackingDomainList from './triggers/dropdowns/everflowTrackingDomainList';
import impactCampaignList from './triggers/dropdowns/impactCampaignList';
import awinProgrammeUnavailable from './triggers/awinProgrammeUnavailable';
import newAwinAdvertiser from './triggers/newAwinAdvertiser';
import newAwinPromotion from './triggers/newAwinPromotion';
import newConversion from './triggers/newConversion';
import newEverflowOffer from './triggers/newEverflowOffer';
import newImpactCampaign from './triggers/newImpactCampaign';
import newOfferslookOffer from './triggers/newOfferslookOffer';
import trackingLinkBroken from './triggers/trackingLinkBroken';

import offerslookOfferList from './triggers/dropdowns/offerslookOfferList';
import offerslookOfferUrlList from './triggers/dropdowns/offerslookOfferUrlList';

const App = defineApp({
  version: packageJson.version,
  platformVersion,
  authentication,
  flags: {
    // The network clients read 429 answers themselves (Retry-After, else the network's window).
    throwForThrottlingEarly: false,
    // Every call goes through z.request, which Zapier logs already; the extra patch of Node's http
    // module only logs other clients and costs start-up time.
    skipHttpPatch: true,
  },
  triggers: {
    [awinPublisherAccountList.key]: awinPublisherAccountList,
    [awinAdvertiserList.key]: awinAdvertiserList,
    [newAwinAdvertiser.key]: newAwinAdvertiser,
    [newAwinPromotion.key]: newAwinPromotion,
    [awinProgrammeUnavailable.key]: awinProgrammeUnavailable,
    [everflowOfferList.key]: everflowOfferList,
    [everflowAffiliateList.key]: everflowAffiliateList,
    [everflowTrackingDomainList.key]: everflowTrackingDomainList,
    [everflowOfferUrlList.key]: everflowOfferUrlList,
    [everflowCreativeList.key]: everflowCreativeList,
    [newEverflowOffer.key]: newEverflowOffer,
    [offerslookOfferList.key]: offerslookOfferList,
    [offerslookOfferUrlList.key]: offerslookOfferUrlList,
    [newOfferslookOffer.key]: newOfferslookOffer,
    [impactCampaignList.key]: impactCampaignList,
    [newImpactCampaign.key]: newImpactCampaign,
    [trackingLinkBroken.key]: trackingLinkBroken,
    [newConversion.key]: newConversion,
  },
  searches: {
    [awinAdvertiser.key]: awinAdvertiser,
    [awinPromotion.key]: awinPromotion,
    [awinShortLinkQuota.key]: awinShortLinkQuota,
    [everflowOffer.key]: everflowOffer,
    [everflowCouponCode.key]: everflowCouponCode,
    [offerslookOffer.key]: offerslookOffer,
    [advertiserForUrl.key]: advertiserForUrl,
    [trackingRefEarnings.key]: trackingRefEarnings,
  },
  creates: {
    [awinTrackingLink.key]: awinTrackingLink,
    [awinTrackingLinksBulk.key]: awinTrackingLinksBulk,
    [everflowTrackingLink.key]: everflowTrackingLink,
    [everflowTrackingLinksBulk.key]: everflowTrackingLinksBulk,
    [everflowTrackingAssets.key]: everflowTrackingAssets,
    [offerslookTrackingLinks.key]: offerslookTrackingLinks,
    [impactTrackingLink.key]: impactTrackingLink,
    [impactTrackingLinksBulk.key]: impactTrackingLinksBulk,
    [trackingLinkForUrl.key]: trackingLinkForUrl,
    [qrCode.key]: qrCode,
    [checkTrackingLink.key]: checkTrackingLink,
    [checkTrackingLinksBulk.key]: checkTrackingLinksBulk,
    [trackingRefEarningsBatch.key]: trackingRefEarningsBatch,
  },
});

// Every wrapped perform knows its step's input keys, so a mistyped key is named in the run log.
declareInputKeys({
  triggers: App.triggers ?? {},
  searches: App.searches ?? {},
  creates: App.creates ?? {},
});

export default App;
