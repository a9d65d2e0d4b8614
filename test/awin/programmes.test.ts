import nock from 'nock';
import {
  type AwinAdvertiserDetailsOutput,
  type AwinProgrammeUnavailableOutput,
  commissionInWords,
} from '../../src/awin/outputs';
import {
  App,
  appTester,
  captureZapierLogs,
  describeError,
  failure,
  setupNock,
} from '../support/app';

import { AWIN, runAwin } from './helpers';

setupNock();
const logs = captureZapierLogs();

// Each test starts with an empty z.cache (programme details are kept there).
beforeEach(() => {
  (appTester as unknown as { zcacheTestObj: Record<string, unknown> }).zcacheTestObj = {};
});

const programme = (id: number, name: string, extra: Record<string, unknown> = {}) => ({
  id,
  name,
  displayUrl: `https://www.${name.toLowerCase().replace(/\W/g, '')}.example`,
  clickThroughUrl: `https://www.awin1.com/awclick.php?mid=${id}&id=100001`,
  logoUrl: null,
  linkStatus: 'Active',
  primaryRegion: { name: 'United Kingdom', countryCode: 'GB' },
  primarySector: 'Retail',
  currencyCode: 'GBP',
  status: 'Active',
  validDomains: [],
  ...extra,
});

const details = (id: number, extra: Record<string, unknown> = {}) => ({
  programmeInfo: {
    id,
    name: 'Nordic Outdoor',
    currencyCode: 'GBP',
    deeplinkEnabled: 'true',
    membershipStatus: 'joined',
  },
  kpi: { averagePaymentTime: '44', approvalPercentage: 70.19, epc: 0.47 },
  commissionRange: [
    { min: 2, max: 11, type: 'percentage' },
    { min: 1.5, max: 18, type: 'amount' },
  ],
  ...extra,
});

describe('commission in words', () => {
  const r = (min: number | null, max: number | null, type: string) => ({ min, max, type });

  it.each([
    [[r(2, 11, 'percentage'), r(1.5, 18, 'amount')], 'GBP', '2%–11% or GBP 1.50–18.00'],
    [[r(1.5, 18, 'amount'), r(2, 11, 'percentage')], 'gbp', '2%–11% or GBP 1.50–18.00'],
    [[r(5, 5, 'percentage')], 'EUR', '5%'],
    [[r(2.5, 7.25, 'Percentage')], null, '2.5%–7.25%'],
    [[r(10, 10, 'amount')], 'USD', 'USD 10.00'],
    [[r(3, 12, 'fix')], null, '3.00–12.00'],
    [[r(null, 8, 'percentage')], 'GBP', '8%'],
    [[r(2, 4, 'percentage'), r(3, 9, 'percentage')], 'GBP', '2%–9%'],
  ])('%j in %s reads "%s"', (ranges, currency, words) => {
    expect(commissionInWords(ranges, currency)).toBe(words);
  });

  it('is empty when nothing above zero is known', () => {
    expect(commissionInWords([], 'GBP')).toBeNull();
    expect(commissionInWords([r(0, 0, 'percentage'), r(null, null, 'amount')], 'GBP')).toBeNull();
    expect(commissionInWords([r(1, 2, 'bonus')], 'GBP')).toBeNull();
  });
});

describe('awin_advertiser: details of the best match', () => {
  const list = [
    programme(1003, 'Nordic Outdoor Outlet', { linkStatus: 'Offline' }),
    programme(1002, 'Nordic Outdoor'),
    programme(1001, 'Acme Shoes'),
  ];
  const find = (input: Record<string, unknown>) =>
    runAwin<AwinAdvertiserDetailsOutput[]>(App.searches.awin_advertiser, input);

  it('asks programme details once, for the best match only, with the same relationship', async () => {
    const scope = nock(AWIN)
      .get('/publishers/100001/programmes')
      .query({ relationship: 'joined' })
      .reply(200, list)
      .get('/publishers/100001/programmedetails')
      .query({ advertiserId: '1002', relationship: 'joined' })
      .reply(200, details(1002));
    // A failed details call is logged, not thrown: count every request nock did not expect.
    const unexpected: string[] = [];
    const count = (req: { path: string }) => unexpected.push(req.path);
    nock.emitter.on('no match', count);
    const found = await find({ name: 'nordic outdoor' }).finally(() =>
      nock.emitter.removeListener('no match', count),
    );
    expect(scope.isDone()).toBe(true);
    expect(unexpected).toEqual([]);
    expect(found.map((a) => a.id)).toEqual(['1002', '1003']);
    expect(found[0]).toMatchObject({
      linkStatus: 'Active',
      deeplinkEnabled: true,
      commission: '2%–11% or GBP 1.50–18.00',
    });
    expect(found[1]).toMatchObject({
      linkStatus: 'Offline',
      deeplinkEnabled: null,
      commission: null,
    });
  });

  it('keeps the details in z.cache: the next run asks only for the list', async () => {
    nock(AWIN)
      .get('/publishers/100001/programmes')
      .query(true)
      .times(2)
      .reply(200, list)
      .get('/publishers/100001/programmedetails')
      .query({ advertiserId: '1001', relationship: 'joined' })
      .reply(200, details(1001, { commissionRange: [{ min: 10, max: 10, type: 'amount' }] }));
    const first = await find({ name: 'acme shoes' });
    const second = await find({ name: 'ACME' });
    expect(first[0].commission).toBe('GBP 10.00');
    expect(second[0]).toEqual(first[0]);
  });

  it('makes no details call when nothing matches', async () => {
    nock(AWIN).get('/publishers/100001/programmes').query(true).reply(200, list);
    expect(await find({ name: 'no such brand' })).toEqual([]);
  });

  it('still answers when Awin cannot give the details, with them empty and the reason logged', async () => {
    nock(AWIN)
      .get('/publishers/100001/programmes')
      .query({ relationship: 'suspended' })
      .reply(200, list)
      .get('/publishers/100001/programmedetails')
      .query({ advertiserId: '1001', relationship: 'suspended' })
      .reply(404, { error: 'not found', description: 'No programme found for advertiser 1001' });
    const found = await find({ name: 'Acme Shoes', relationship: 'suspended' });
    expect(found[0]).toMatchObject({ id: '1001', deeplinkEnabled: null, commission: null });
    expect(logs.join('\n')).toContain(
      'Could not read the programme details of Awin advertiser 1001',
    );
  });

  it('stops for a refused token, which the user must renew', async () => {
    nock(AWIN)
      .get('/publishers/100001/programmes')
      .query(true)
      .reply(200, list)
      .get('/publishers/100001/programmedetails')
      .query(true)
      .reply(401, { error: 'unauthorized', description: 'Full authentication is required' });
    const error = await failure(find({ name: 'Acme Shoes' }));
    expect(error.name).toBe('ExpiredAuthError');
  });

  it('reads false and unreadable deep-link flags, and details without commission', async () => {
    nock(AWIN)
      .get('/publishers/100001/programmes')
      .query(true)
      .reply(200, list)
      .get('/publishers/100001/programmedetails')
      .query(true)
      .reply(200, {
        programmeInfo: { id: 1001, deeplinkEnabled: false },
        commissionRange: [
          { type: 'percentage', min: 'lots' },
          { type: 'percentage', min: 0, max: 0 },
        ],
      });
    const [acme] = await find({ name: 'Acme Shoes' });
    expect(acme).toMatchObject({ deeplinkEnabled: false, commission: null });
  });
});

describe('awin_programme_unavailable', () => {
  const poll = () =>
    runAwin<AwinProgrammeUnavailableOutput[]>(App.triggers.awin_programme_unavailable, {});

  function answer(suspended: unknown[], joined: unknown[]) {
    return nock(AWIN)
      .get('/publishers/100001/programmes')
      .query({ relationship: 'suspended' })
      .reply(200, suspended)
      .get('/publishers/100001/programmes')
      .query({ relationship: 'joined' })
      .reply(200, joined);
  }

  it('fires for the suspended programme and the joined one with links offline, and nothing else', async () => {
    const scope = answer(
      [programme(1012, 'Harbor Wine Cellars', { linkStatus: 'Active' })],
      [
        programme(1001, 'Acme Shoes'),
        programme(1002, 'Nordic Outdoor', { linkStatus: 'Online' }),
        programme(1008, 'Gourmet Crate', { linkStatus: 'Offline' }),
        programme(1009, 'Petal and Stem', { linkStatus: null }),
      ],
    );
    const items = await poll();
    expect(scope.isDone()).toBe(true);
    expect(items.map((item) => item.id)).toEqual(['1012-suspended', '1008-offline']);
    expect(items[0]).toMatchObject({
      advertiserId: 1012,
      publisherId: 100001,
      name: 'Harbor Wine Cellars',
      relationship: 'suspended',
      reasonCode: 'suspended',
      linkStatus: 'Active',
    });
    expect(items[0].reason).toBe(
      'Awin shows your membership of Harbor Wine Cellars (advertiser 1012) as suspended: your ' +
        'links to it no longer earn commission.',
    );
    expect(items[0].whatToDo).toMatch(/^Pause the Zaps that make or post links to Harbor Wine/);
    expect(items[1]).toMatchObject({
      advertiserId: 1008,
      relationship: 'joined',
      reasonCode: 'offline',
      linkStatus: 'Offline',
    });
    expect(items[1].reason).toContain('has its Awin link status set to Offline');
    expect(items[1].whatToDo).toContain('until its link status in Awin is Online again');
  });

  it('reads the link status in any case, Inactive included', async () => {
    answer(
      [],
      [
        programme(1001, 'Acme Shoes', { linkStatus: ' OFFLINE ' }),
        programme(1002, 'Nordic Outdoor', { linkStatus: 'inactive' }),
        programme(1003, 'Outlet', { linkStatus: 'ACTIVE' }),
      ],
    );
    expect((await poll()).map((item) => item.id)).toEqual(['1002-inactive', '1001-offline']);
  });

  it('returns [] when every programme is healthy', async () => {
    answer([], [programme(1001, 'Acme Shoes'), programme(1002, 'Nordic Outdoor')]);
    expect(await poll()).toEqual([]);
  });

  it('names the account problem when Awin refuses the publisher account', async () => {
    nock(AWIN).get('/publishers/100001/programmes').query(true).reply(403, { error: 'forbidden' });
    const error = describeError(await failure(poll()));
    expect(error.message).toMatch(/^Awin refused access to publisher account 100001 \(403\)/);
  });
});
