import { type PlainInputField, type ZObject } from 'zapier-platform-core';

import {
  describeValue,
  invalidInput,
  isBlank,
  optionalText,
  parsePositiveInt,
} from '../core/input';

import { OFFERSLOOK_MAX_IDS_PER_RUN } from './client';

import {
  OFFERSLOOK_SUB_KEYS,
  OFFERSLOOK_SUB_MAX,
  type OfferslookLandingPage,
  type OfferslookLinksRequest,
  type OfferslookSubKey,
  type OfferslookSubs,
} from './schemas';

/**
 * The pieces of "Get Offerslook Tracking Links" that need no network: reading the offer ids a
 * user mapped, reading the impression pixel, and laying out the answer in input order.
 */

export const OFFER_IDS_LABEL = 'Offers';

export type ParsedOfferIds = { ok: true; ids: number[] } | { ok: false; bad: unknown };

/** Everything that separates ids in one spreadsheet cell: commas, semicolons, any white space. */
const SEPARATORS = /[\s,;]+/;

function tokens(value: unknown): unknown[] {
  if (Array.isArray(value)) return value.flatMap(tokens);
  if (typeof value === 'string') return value.split(SEPARATORS).filter((token) => token !== '');
  if (value === undefined || value === null) return [];
  return [value];
}

/**
 * Reads a list of ids, one comma/semicolon/space-separated string, or a list of such strings into
 * distinct positive integers, first-seen order kept. The first value that is not an id is reported.
 */
export function parseOfferIds(value: unknown): ParsedOfferIds {
  const ids = new Set<number>();
  for (const token of tokens(value)) {
    const id = parsePositiveInt(token);
    if (id === undefined) return { ok: false, bad: token };
    ids.add(id);
  }
  return { ok: true, ids: [...ids] };
}

/** parseOfferIds, with the run's limits, as errors that name the field and the fix. */
function readOfferIds(z: ZObject, value: unknown): number[] {
  const parsed = parseOfferIds(value);
  if (!parsed.ok) {
    throw invalidInput(
      z,
      `${OFFER_IDS_LABEL} must be offer IDs (positive whole numbers such as 16), but ${describeValue(parsed.bad)} ` +
        'is not one. Choose offers from the list, or map numbers separated by commas.',
    );
  }
  if (parsed.ids.length === 0) {
    throw invalidInput(
      z,
      `${OFFER_IDS_LABEL} is empty. Choose at least one offer, or map a field that holds offer IDs.`,
    );
  }
  if (parsed.ids.length > OFFERSLOOK_MAX_IDS_PER_RUN) {
    throw invalidInput(
      z,
      `${OFFER_IDS_LABEL} holds ${parsed.ids.length} different offers; one run takes at most ` +
        `${OFFERSLOOK_MAX_IDS_PER_RUN}. Split the list into runs of up to ${OFFERSLOOK_MAX_IDS_PER_RUN} ` +
        '(for example with Looping by Zapier).',
    );
  }
  return parsed.ids;
}

// --- landing page and sub IDs --------------------------------------------------------------------

export const LANDING_PAGE_LABEL = 'Landing Page';

/** The two landing pages every offer has; named offer URLs are chosen by their `url_id`. */
export const DEFAULT_LANDING_PAGE = { id: 'default', name: 'Default' } as const;
export const RANDOM_LANDING_PAGE = { id: 'random', name: 'Random' } as const;

export const landingPageField = {
  key: 'url_id',
  label: LANDING_PAGE_LABEL,
  type: 'string',
  required: false,
  dynamic: 'offerslook_offer_url_list.id.name',
  dependsOn: ['offer_ids'],
  helpText:
    'Optional, for one offer only: which of its landing pages the link opens. Leave empty (or ' +
    "choose Default) for the offer's default page; Random lets Offerslook pick one of its pages; " +
    "or choose a named page (mapped values: default, random, or the page's number).",
} as const satisfies PlainInputField;

const OFFERSLOOK_SUB_LABELS: Record<OfferslookSubKey, string> = {
  source_id: 'Source ID',
  aff_sub1: 'Sub ID 1',
  aff_sub2: 'Sub ID 2',
  aff_sub3: 'Sub ID 3',
  aff_sub4: 'Sub ID 4',
  aff_sub5: 'Sub ID 5',
};

/** source_id and aff_sub1…aff_sub5, as Offerslook names them. */
export const offerslookSubFields = OFFERSLOOK_SUB_KEYS.map((key): PlainInputField => ({
  key,
  label: OFFERSLOOK_SUB_LABELS[key],
  type: 'string',
  required: false,
  helpText:
    key === 'source_id'
      ? `Optional name of the traffic source or campaign (up to ${OFFERSLOOK_SUB_MAX} characters), ` +
        'added to every link and shown in Offerslook reports.'
      : `Optional value of your own (up to ${OFFERSLOOK_SUB_MAX} characters) added to every link, ` +
        'e.g. a row or deal ID; Offerslook reports it with each click and conversion.',
}));

/** Reads source_id and aff_sub1…aff_sub5; only filled values are returned. */
function readOfferslookSubs(z: ZObject, input: Record<string, unknown>): OfferslookSubs {
  const subs: OfferslookSubs = {};
  for (const key of OFFERSLOOK_SUB_KEYS) {
    const value = optionalText(z, input[key], OFFERSLOOK_SUB_LABELS[key], OFFERSLOOK_SUB_MAX);
    if (value !== undefined) subs[key] = value;
  }
  return subs;
}

/** `default` (or empty), `random`, or a positive whole number (a `url_id`); undefined otherwise. */
export function parseLandingPage(value: unknown): OfferslookLandingPage | undefined {
  if (isBlank(value)) return { kind: 'default' };
  if (typeof value === 'string') {
    const word = value.trim().toLowerCase();
    if (word === DEFAULT_LANDING_PAGE.id) return { kind: 'default' };
    if (word === RANDOM_LANDING_PAGE.id) return { kind: 'random' };
  }
  const urlId = parsePositiveInt(value);
  return urlId === undefined ? undefined : { kind: 'url', urlId };
}

function readLandingPage(z: ZObject, value: unknown): OfferslookLandingPage {
  const landingPage = parseLandingPage(value);
  if (landingPage === undefined) {
    throw invalidInput(
      z,
      `${LANDING_PAGE_LABEL} must be default, random or the number of one of the offer's landing ` +
        `pages (such as 7), but it was ${describeValue(value)}. Choose one from the list, or leave ` +
        'it empty for the default page.',
    );
  }
  return landingPage;
}

/** Everything the step asks for, checked before any request. */
export function readOfferslookLinksRequest(
  z: ZObject,
  input: Record<string, unknown>,
): OfferslookLinksRequest {
  const offerIds = readOfferIds(z, input.offer_ids);
  const subs = readOfferslookSubs(z, input);
  const landingPage = readLandingPage(z, input.url_id);
  if (landingPage.kind !== 'default' && offerIds.length > 1) {
    throw invalidInput(
      z,
      `${LANDING_PAGE_LABEL} can be chosen for one offer only, but ${OFFER_IDS_LABEL} holds ` +
        `${offerIds.length} offers. Leave ${LANDING_PAGE_LABEL} empty to get each offer's default ` +
        'page, or get the links one offer at a time (for example with Looping by Zapier).',
    );
  }
  return { offerIds, landingPage, subs };
}
