import { compileApp, serializeApp } from 'zapier-platform-core/src/tools/schema';
import { App, appTester } from '../support/app';
import { isInRun } from '../../src/core/run';

import {
  type ActionDef,
  checkDefinition,
  checkFields,
  type Definition,
  type FieldDef,
  visibleActions,
} from './rules';

/** The definition exactly as `zapier-platform build` writes it into definition.json. */
const built = (): Definition => serializeApp(compileApp(App)) as Definition;

describe('the app definition passes Zapier’s offline integration checks', () => {
  it('breaks no rule', () => {
    expect(checkDefinition(built())).toEqual([]);
  });

  it('has every published action key', () => {
    const keys = visibleActions(built()).map(([kind, action]) => `${kind}.${action.key}`);
    expect(keys).toEqual(
      expect.arrayContaining([
        'triggers.new_awin_advertiser',
        'triggers.new_awin_promotion',
        'triggers.awin_programme_unavailable',
        'triggers.new_everflow_offer',
        'triggers.new_offerslook_offer',
        'searches.awin_short_link_quota',
        'searches.awin_advertiser',
        'searches.awin_promotion',
        'searches.everflow_offer',
        'searches.everflow_coupon_code',
        'searches.offerslook_offer',
        'creates.awin_tracking_link',
        'creates.awin_tracking_links_batch',
        'creates.everflow_tracking_link',
        'creates.everflow_tracking_links_batch',
        'creates.offerslook_tracking_links',
        'creates.impact_tracking_link',
        'creates.impact_tracking_links_batch',
        'triggers.new_impact_campaign',
        'creates.qr_code',
      ]),
    );
  });

  it('fields an action builds at run time follow the same rules, for both Everflow key types', async () => {
    type Perform = Parameters<typeof appTester>[0];
    for (const keyType of ['network', 'affiliate']) {
      for (const [kind, actions] of Object.entries({
        creates: App.creates,
        searches: App.searches,
      })) {
        for (const action of Object.values(actions ?? {})) {
          const dynamic = (action.operation.inputFields ?? []).filter(
            (f: unknown) => typeof f === 'function',
          );
          for (const fieldsOf of dynamic) {
            const fields = (await appTester(fieldsOf as Perform, {
              authData: { everflow_api_type: keyType },
            })) as FieldDef[];
            expect(fields.length).toBeGreaterThan(0);
            expect(checkFields(fields, `${kind}.${action.key} (${keyType} key)`)).toEqual([]);
          }
        }
      }
    }
  });
});

describe('the definition check fails on a broken definition', () => {
  const action = (
    def: Definition,
    kind: 'triggers' | 'searches' | 'creates',
    key: string,
  ): ActionDef => def[kind][key];
  const broken: [string, (def: Definition) => void][] = [
    [
      'action label in Title Case',
      (d) => (action(d, 'creates', 'qr_code').display.label = 'Create qr code'),
    ],
    [
      'description starts "Triggers when" and ends with "."',
      (d) =>
        (action(d, 'triggers', 'new_awin_advertiser').display.description = 'New advertisers.'),
    ],
    [
      'description starts "Finds" and ends with "."',
      (d) => (action(d, 'searches', 'awin_advertiser').display.description = 'Finds an advertiser'),
    ],
    [
      'description starts "Creates" and ends with "."',
      (d) => (action(d, 'creates', 'awin_tracking_link').display.description = 'Makes a link.'),
    ],
    ['static sample', (d) => delete action(d, 'creates', 'qr_code').operation.sample],
    [
      'sample has an id',
      (d) => delete action(d, 'searches', 'awin_short_link_quota').operation.sample?.id,
    ],
    [
      'sample keys match outputFields',
      (d) => (action(d, 'creates', 'qr_code').operation.sample!.extra = 1),
    ],
    [
      'sample keys match outputFields',
      (d) => action(d, 'creates', 'qr_code').operation.outputFields!.push({ key: 'missing' }),
    ],
    [
      'help text repeats the label',
      (d) => {
        const field = action(d, 'creates', 'qr_code').operation.inputFields![0] as FieldDef;
        field.helpText = `${field.label}.`;
      },
    ],
    [
      'id input backed by a dropdown',
      (d) =>
        delete (action(d, 'creates', 'awin_tracking_link').operation.inputFields![1] as FieldDef)
          .dynamic,
    ],
    [
      'https-only default URLs',
      (d) =>
        ((action(d, 'creates', 'qr_code').operation.inputFields![0] as FieldDef).default =
          'http://example.com'),
    ],
    ['connection label set', (d) => delete d.authentication.connectionLabel],
    [
      'auth help links to where the credential is found',
      (d) => (d.authentication.fields[0].helpText = 'Your token.'),
    ],
  ];

  it.each(broken)('reports "%s"', (rule, breakIt) => {
    const def = built();
    breakIt(def);
    expect(checkDefinition(def).map((violation) => violation.rule)).toContain(rule);
  });
});

describe('one run per perform', () => {
  it('runs every perform of the app, and the connection test, inside its own run context', () => {
    const unwrapped: string[] = [];
    for (const kind of ['triggers', 'searches', 'creates'] as const) {
      const actions = (App as unknown as Record<string, Record<string, { operation: object }>>)[
        kind
      ];
      for (const [key, action] of Object.entries(actions)) {
        const { perform } = action.operation as { perform?: unknown };
        if (!isInRun(perform)) unwrapped.push(`${kind}.${key}`);
      }
    }
    if (!isInRun(App.authentication?.test)) unwrapped.push('authentication.test');
    expect(unwrapped).toEqual([]);
  });
});
