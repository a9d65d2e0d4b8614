import App from '../index';
import { DEMO_AUTH_DATA, DEMO_EVERFLOW_PARTNER_KEY } from '../sandbox/credentials';
import type { AdvertiserMatch, UrlTrackingLink } from '../src/anyUrl/outputs';

import { createDemoContext, type DemoContext } from './context';
import { listWithMore, plural, SHOWN } from './format';

const NETWORKS: Readonly<Record<string, string>> = {
  awin: 'Awin',
  everflow: 'Everflow',
  offerslook: 'Offerslook',
};

/** "Awin: Acme Shoes (advertiser 1001, account 100001)": who sells it, on which network. */
function seller(match: AdvertiserMatch | UrlTrackingLink): string {
  const network = NETWORKS[match.network] ?? match.network;
  const noun = match.network === 'awin' ? 'advertiser' : 'offer';
  const account = match.publisher_id ? `, account ${match.publisher_id}` : '';
  return `${network}: ${match.advertiser_name} (${noun} ${match.advertiser_id}${account})`;
}

/** A match: who sells from the URL, the domain that matched and what it pays. */
function matchLine(match: AdvertiserMatch): string {
  const pays = match.commission ? `, pays ${match.commission}` : '';
  return `${seller(match)}, matched on ${match.matched_domain}${pays}`;
}

/** What the link is for, how it was chosen, and the link itself. */
function linkDetails(link: UrlTrackingLink): string[] {
  const rule =
    link.chosen_by === 'commission'
      ? 'it pays the most'
      : `its domain ${link.matched_domain} is the closest match`;
  const pays = link.commission ? `; pays ${link.commission}` : '';
  return [`${seller(link)}, chosen because ${rule}${pays}`, link.url];
}

/**
 * Any shop URL to the right affiliate link: one URL resolved on each network, a search across all
 * three, and a shop no network has. The demo connection holds an Everflow network key, which has
 * no affiliate to link for, so this section runs with the demo partner key in its place.
 */
export async function demoUrlLinks(demo: DemoContext): Promise<void> {
  const everyNetwork = createDemoContext({
    ...DEMO_AUTH_DATA,
    everflow_api_key: DEMO_EVERFLOW_PARTNER_KEY,
    everflow_api_type: 'affiliate',
  });
  const shop = 'https://www.acmeshoes.example/boots';
  const sellers = await everyNetwork.run<AdvertiserMatch[]>(App.searches.advertiser_for_url, {
    url: shop,
  });
  demo.done(
    `Looked up who sells ${shop} on your three networks (Awin with its default account ` +
      `${DEMO_AUTH_DATA.awin_publisher_id}, Everflow with a partner key, Offerslook): ` +
      `${plural(sellers.length, 'match', 'matches')}, best first (ties go Awin, Everflow, Offerslook):`,
    listWithMore(sellers, SHOWN, matchLine),
  );

  const awinPage = 'https://shop.acmeshoes.example/trainers/runner-2?colour=blue';
  const awin = await everyNetwork.run<UrlTrackingLink>(App.creates.tracking_link_for_url, {
    url: awinPage,
    tracking_ref: 'row-1',
  });
  demo.done(
    `Turned the product page ${awinPage} into a tracking link, with tracking reference "row-1":`,
    linkDetails(awin),
    1,
  );
  const everflowPage = 'https://shop.brightlamps.example/desk/led/aurora';
  const everflow = await everyNetwork.run<UrlTrackingLink>(App.creates.tracking_link_for_url, {
    url: everflowPage,
    tracking_ref: 'row-2',
  });
  demo.done(
    `Turned ${everflowPage} into a tracking link to the offer URL that fits the page, with ` +
      'tracking reference "row-2":',
    linkDetails(everflow),
    1,
  );
  const offerslookPage = 'https://www.pixelpet.example/food/kitten-dry';
  const offerslook = await everyNetwork.run<UrlTrackingLink>(App.creates.tracking_link_for_url, {
    url: offerslookPage,
  });
  demo.done(
    `Turned ${offerslookPage} into a tracking link (the advertiser lists were read from the cache, ` +
      'not asked again):',
    linkDetails(offerslook),
    1,
  );
  await everyNetwork.refused(
    'Asked for a link to a shop none of your networks has (a Zap skips that row and goes on).',
    App.creates.tracking_link_for_url,
    { url: 'https://www.unknownshop.example/item/1' },
  );

  // Jane Doe's token reaches two Awin publisher accounts; without a default both are matched.
  const everyAccount = createDemoContext(
    Object.fromEntries(
      Object.entries({
        ...DEMO_AUTH_DATA,
        everflow_api_key: DEMO_EVERFLOW_PARTNER_KEY,
        everflow_api_type: 'affiliate',
      }).filter(([key]) => key !== 'awin_publisher_id'),
    ),
  );
  const lamps = 'https://shop.brightlamps.example/desk';
  const everyMatch = await everyAccount.run<AdvertiserMatch[]>(App.searches.advertiser_for_url, {
    url: lamps,
  });
  demo.done(
    `Looked up who sells ${lamps} on both your Awin accounts (no default account set) and your ` +
      `Everflow partner key: ${plural(everyMatch.length, 'match', 'matches')}, each with its ` +
      `commission (${awinAccounts(everyMatch)}):`,
    listWithMore(everyMatch, SHOWN, matchLine),
  );
  const page = 'https://shop.brightlamps.example/desk/led';
  const closest = await everyAccount.run<UrlTrackingLink>(App.creates.tracking_link_for_url, {
    url: page,
  });
  demo.done(
    `Turned ${page} into a tracking link, preferring the closest domain match:`,
    linkDetails(closest),
    1,
  );
  const best = await everyAccount.run<UrlTrackingLink>(App.creates.tracking_link_for_url, {
    url: page,
    prefer: 'commission',
  });
  demo.done(
    'The same page, preferring the highest commission (the link is for the account that joined it):',
    linkDetails(best),
    1,
  );
  // The same Awin accounts, with the Everflow network key in place of the partner key: only
  // Everflow's part of the answer can change.
  const networkKeyContext = createDemoContext(
    Object.fromEntries(
      Object.entries(DEMO_AUTH_DATA).filter(([key]) => key !== 'awin_publisher_id'),
    ),
  );
  const networkKey = await networkKeyContext.run<AdvertiserMatch[]>(
    App.searches.advertiser_for_url,
    { url: lamps },
  );
  const everflowLeft = networkKey.some((match) => match.network === 'everflow');
  demo.done(
    `Looked up ${lamps} again with the same Awin accounts, and an Everflow network key instead ` +
      `of the partner key: ${plural(networkKey.length, 'match', 'matches')} (` +
      (everflowLeft
        ? 'Everflow still matched'
        : "Everflow's offer is left out: a network key has no affiliate to link for") +
      `; ${awinAccounts(networkKey)}):`,
    listWithMore(networkKey, SHOWN, matchLine),
  );
}

/** Which Awin accounts matched, and why the others did not: any-URL matches joined programmes only. */
function awinAccounts(matches: readonly AdvertiserMatch[]): string {
  const accounts = [
    ...new Set(matches.filter((m) => m.network === 'awin').map((m) => m.publisher_id)),
  ];
  if (accounts.length === 0) return 'no Awin account has joined a programme selling from it';
  const which =
    accounts.length === 1 ? `account ${accounts[0]} only` : `accounts ${accounts.join(' and ')}`;
  return `Awin matched on ${which}: an account that has not joined the programme gets no match`;
}
