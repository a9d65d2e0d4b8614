import {
  type OfferslookOfferOutput,
  type OfferslookTrackingLinks,
} from '../src/offerslook/outputs';
import App from '../index';
import type { DemoContext } from './context';
import { listWithMore, named, namesOf, plural, SHOWN } from './format';

type Names = ReadonlyMap<string, string>;
type Choice = { id: string; name: string };

/** Offerslook's offer_approval codes, in words. */
const APPROVAL: Readonly<Record<number, string>> = {
  1: 'needs approval',
  2: 'public',
  3: 'private',
};

function offerLine(offer: OfferslookOfferOutput): string {
  const facts = [
    offer.status,
    offer.offer_approval === null ? null : APPROVAL[offer.offer_approval],
  ];
  const preview = offer.preview_url ? ` → ${offer.preview_url}` : '';
  return [`${offer.name} (offer ${offer.id})`, ...facts.filter(Boolean)].join(', ') + preview;
}

/** "3 of 4 offer IDs got a link". */
function gotLinks(out: OfferslookTrackingLinks): string {
  const asked = out.links.length + out.missing_offer_ids.length;
  return `${out.links.length} of ${plural(asked, 'offer ID')} got a link`;
}

/** The links made, then the offers that got none and why (in words, not Offerslook's codes). */
function linkLines(out: OfferslookTrackingLinks, names: Names): string[] {
  const missing = out.missing_offer_ids;
  const none =
    missing.length === 0
      ? []
      : [
          `No link for ${missing.length === 1 ? named(names, 'offer', missing[0]) : plural(missing.length, 'offer ID')}: ` +
            'Offerslook only gives links for offers approved for you or public (or check the IDs).',
        ];
  return [
    ...listWithMore(
      out.links,
      SHOWN,
      (link) => `${named(names, 'offer', link.offer_id)} → ${link.url}`,
    ),
    ...none,
  ];
}

/** Every Offerslook action against the sandbox: links (with sub IDs, a landing page, for many offers), search, triggers. */
export async function demoOfferslook(demo: DemoContext): Promise<void> {
  const offers = await demo.run<Choice[]>(App.triggers.offerslook_offer_list, {});
  demo.done(
    `Listed ${plural(offers.length, 'offer')} for the Offers dropdown:`,
    listWithMore(offers, SHOWN, (offer) => offer.name),
  );
  const names = namesOf(offers);

  const cell = '205, 118; 16 342';
  const fromCell = await demo.run<OfferslookTrackingLinks>(App.creates.offerslook_tracking_links, {
    offer_ids: cell,
  });
  demo.done(
    `Made Offerslook links for the offer IDs pasted in one spreadsheet cell ("${cell}"): ` +
      `${gotLinks(fromCell)}:`,
    linkLines(fromCell, names),
    fromCell.links.length,
  );

  const pages = await demo.run<Choice[]>(App.triggers.offerslook_offer_url_list, {
    offer_ids: '16',
  });
  demo.done(
    `Listed ${plural(pages.length, 'landing page')} of ${named(names, 'offer', 16)} for the ` +
      'Landing Page dropdown:',
    listWithMore(pages, SHOWN, (page) => page.name),
  );
  const landing = await demo.run<OfferslookTrackingLinks>(App.creates.offerslook_tracking_links, {
    offer_ids: '16',
    url_id: '8',
    aff_sub1: 'row 7&x',
    source_id: 'newsletter',
  });
  const [first] = landing.links;
  demo.done(
    `Made an Offerslook link for ${named(names, 'offer', first.offer_id)} to its ` +
      `"${namesOf(pages).get('8') ?? 'number 8'}" landing page, with Sub ID 1 "row 7&x" and ` +
      'Source ID "newsletter":',
    [first.url, ...(first.impression_url ? [`Impression pixel: ${first.impression_url}`] : [])],
    landing.links.length,
  );
  await demo.refused(
    'Asked for one landing page for two offers at once.',
    App.creates.offerslook_tracking_links,
    { offer_ids: '16, 102', url_id: 'random' },
  );

  const ids = Array.from({ length: 250 }, (_, i) => i + 1);
  const many = await demo.run<OfferslookTrackingLinks>(App.creates.offerslook_tracking_links, {
    offer_ids: ids,
    aff_sub1: 'spring-mailing',
  });
  demo.done(
    `Asked Offerslook for links to ${plural(ids.length, 'offer ID')} at once (batches of 100), ` +
      `with Sub ID 1 "spring-mailing": ${gotLinks(many)}:`,
    linkLines(many, names),
    many.links.length,
  );
  await demo.refused(
    'Asked for links to offers 16 and 999; Offerslook does not know 999.',
    App.creates.offerslook_tracking_links,
    { offer_ids: '16, 999' },
  );

  const found = await demo.run<OfferslookOfferOutput[]>(App.searches.offerslook_offer, {
    name: 'acme shoes',
  });
  demo.done(
    `Searched Offerslook offers for "acme shoes": ${plural(found.length, 'match', 'matches')}:`,
    listWithMore(found, SHOWN, offerLine),
  );
  const newest = await demo.run<OfferslookOfferOutput[]>(App.triggers.new_offerslook_offer, {});
  demo.done(
    `Found ${plural(newest.length, 'Offerslook offer')}, newest first ` +
      '(the New Offerslook Offer trigger starts a Zap for each new one):',
    listWithMore(newest, SHOWN, offerLine),
  );
}
