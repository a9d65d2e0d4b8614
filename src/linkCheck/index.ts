// The link-checking engine (README "Checking links"): independent of Zapier and of the network
// clients, so actions wire it in and tests drive it directly.
export {
  isIpLiteral,
  vetAddress,
  vetHostName,
  vetUrlHost,
  type AddressVetter,
  type Vetting,
} from './address';
export {
  BULK_CONCURRENCY,
  checkLinks,
  createHostGate,
  MIN_TIME_TO_START_MS,
  PER_HOST_LIMIT,
  type BulkCheckOptions,
  type LinkCheckRow,
} from './bulk';
export { MAX_BULK_LINKS } from './fields';
export {
  CHECK_TIMEOUT_MS,
  checkLink,
  linkCheckBaseUrlFromEnv,
  type LinkCheckOptions,
} from './check';
export { defaultResolver, HOP_TIMEOUT_MS, MAX_REDIRECTS, rewriteForTestMode } from './fetch';
export { MAX_RESPONSE_BYTES, PAGE_SCAN_BYTES } from './http';
export {
  LinkCheckInputError,
  MAX_URL_LENGTH,
  parseLinkToCheck,
  type LinkCheckInputCode,
} from './input';
export {
  clickIdParam,
  deepLinkDestination,
  detectNetwork,
  inferExpectedFromLink,
  isDeepLink,
  isHomePage,
  isTrackingParam,
} from './network';
export * from './types';
