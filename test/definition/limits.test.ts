import { AWIN_MAX_LINKS_PER_RUN } from '../../src/awin/client';
import { thousands } from '../../src/core/text';
import { EVERFLOW_MAX_LINKS_PER_RUN, EVERFLOW_MAX_PARTNER_PAIRS } from '../../src/everflow/bulk';
import { MAX_EARNINGS_REFS } from '../../src/earnings/fields';
import { MAX_BULK_LINKS } from '../../src/linkCheck/fields';
import { OFFERSLOOK_MAX_IDS_PER_RUN } from '../../src/offerslook/client';
import { IMPACT_MAX_LINKS_PER_RUN } from '../../src/impact/client';
import { MAX_WATCHED_LINKS } from '../../src/watch/fields';
import { App } from '../support/app';

/**
 * What users read in the Zap editor states the limits the code has: each bulk action's declared
 * caps, read from the code, appear in its description and help texts, and no other "up to N"
 * contradicts them.
 */
type Action = {
  display: { description: string };
  operation: { inputFields?: unknown[] };
};

/** The description and every static help text of an action (fields built per connection skipped). */
function textOf(action: Action): string {
  const helps = (action.operation.inputFields ?? []).flatMap((field) =>
    typeof field === 'object' && field !== null && 'helpText' in field
      ? [String((field as { helpText: unknown }).helpText)]
      : [],
  );
  return [action.display.description, ...helps].join('\n');
}

/** Every "up to N" in a text that counts items (not "up to N characters"), as numbers. */
function upTo(text: string): number[] {
  return [...text.matchAll(/up to ([\d,]+)(?![\d,]| characters)/gi)].map((match) =>
    Number(match[1].replace(/,/g, '')),
  );
}

const actions = {
  ...(App.creates as unknown as Record<string, Action>),
  ...(App.triggers as unknown as Record<string, Action>),
};

const declared: [key: string, limits: number[]][] = [
  ['awin_tracking_links_batch', [AWIN_MAX_LINKS_PER_RUN]],
  [
    'everflow_tracking_links_batch',
    [EVERFLOW_MAX_LINKS_PER_RUN.network, EVERFLOW_MAX_LINKS_PER_RUN.affiliate],
  ],
  ['offerslook_tracking_links', [OFFERSLOOK_MAX_IDS_PER_RUN]],
  ['check_tracking_links_batch', [MAX_BULK_LINKS]],
  ['impact_tracking_links_batch', [IMPACT_MAX_LINKS_PER_RUN]],
  ['tracking_link_broken', [MAX_WATCHED_LINKS]],
  ['tracking_ref_earnings_batch', [MAX_EARNINGS_REFS]],
];

describe('help texts state the limits the code has', () => {
  it.each(declared)('%s names each of its caps, and no other', (key, limits) => {
    const text = textOf(actions[key]);
    for (const limit of limits) expect(text).toContain(`up to ${thousands(limit)}`);
    for (const said of upTo(text)) expect(limits).toContain(said);
  });

  it('the Everflow bulk help names the partner cap of different offers and offer URLs', () => {
    expect(textOf(actions.everflow_tracking_links_batch)).toContain(
      `at most ${EVERFLOW_MAX_PARTNER_PAIRS} different offers and offer URLs`,
    );
  });
});
