import { defineApp, version as platformVersion } from 'zapier-platform-core';
import awinTrackingLink from './creates/awinTrackingLink';
import awinTrackingLinksBatch from './creates/awinTrackingLinksBatch';
import packageJson from './package.json';
import awinAdvertiser from './searches/awinAdvertiser';
import awinShortLinkQuota from './searches/awinShortLinkQuota';
import { authentication } from './src/authentication';
import awinAdvertiserList from './triggers/awinAdvertiserList';
import awinPublisherAccountList from './triggers/awinPublisherAccountList';
import newAwinAdvertiser from './triggers/newAwinAdvertiser';

export default defineApp({
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
  },
  searches: {
    [awinAdvertiser.key]: awinAdvertiser,
    [awinShortLinkQuota.key]: awinShortLinkQuota,
  },
  creates: {
    [awinTrackingLink.key]: awinTrackingLink,
    [awinTrackingLinksBatch.key]: awinTrackingLinksBatch,
  },
});
