import nock from 'nock';
import { App, describeError, failure, setupNock } from '../support/app';

import { AWIN, runAwin } from './helpers';

setupNock();

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
  validDomains: [{ domain: `${name.toLowerCase().replace(/\W/g, '')}.example` }],
  ...extra,
});

const programmes = [
  programme(1003, 'Nordic Outdoor Outlet'),
  programme(1010, 'Big Nordic Outdoor Store'),
  programme(1002, 'Nordic Outdoor'),
  programme(1001, 'Acme Shoes'),
];

describe('awin_advertiser', () => {
  it('asks Awin for the chosen relationship and ranks exact, then starts-with, then contains', async () => {
    nock(AWIN)
      .get('/publishers/100001/programmes')
      .query({ relationship: 'pending' })
      .reply(200, programmes)
      .get('/publishers/100001/programmedetails')
      .query({ advertiserId: '1002', relationship: 'pending' })
      .reply(200, {
        programmeInfo: { id: 1002, currencyCode: 'SEK', deeplinkEnabled: true },
        commissionRange: [{ min: 6, max: 6, type: 'percentage' }],
      });
    const found = await runAwin<{ id: number; name: string }[]>(App.searches.awin_advertiser, {
      name: '  NORDIC outdoor ',
      relationship: 'pending',
    });
    expect(found.map((a) => a.id)).toEqual(['1002', '1003', '1010']);
    expect(found[0]).toEqual({
      id: '1002',
      name: 'Nordic Outdoor',
      displayUrl: 'https://www.nordicoutdoor.example',
      clickThroughUrl: 'https://www.awin1.com/awclick.php?mid=1002&id=100001',
      logoUrl: null,
      status: 'Active',
      primarySector: 'Retail',
      primaryRegion: { name: 'United Kingdom', countryCode: 'GB' },
      linkStatus: 'Active',
      deeplinkEnabled: true,
      commission: '6%',
    });
  });

  it('returns [] when nothing matches', async () => {
    nock(AWIN)
      .get('/publishers/100001/programmes')
      .query({ relationship: 'joined' })
      .reply(200, programmes);
    expect(await runAwin(App.searches.awin_advertiser, { name: 'zzz' })).toEqual([]);
  });

  it('refuses an unknown relationship and an empty name before any request', async () => {
    const bad = describeError(
      await failure(runAwin(App.searches.awin_advertiser, { name: 'x', relationship: 'friends' })),
    );
    expect(bad.message).toBe(
      'Relationship must be one of joined, pending, suspended, rejected, notjoined, but it was "friends".',
    );
    const empty = describeError(
      await failure(runAwin(App.searches.awin_advertiser, { name: ' ' })),
    );
    expect(empty.message).toBe(
      'Advertiser Name is required: type or map the brand name to look for.',
    );
  });
});

describe('awin_short_link_quota', () => {
  it.each([
    [
      { shorten: { publisherId: 100001, limit: '100', usage: 12 } },
      { limit: 100, usage: 12, remaining: 88 },
    ],
    [
      { publisherId: 100001, limit: 50, usage: '60' },
      { limit: 50, usage: 60, remaining: 0 },
    ],
    [{ shorten: { publisherId: 100001 } }, { limit: 0, usage: 0, remaining: 0 }],
  ])('reads %j as numbers', async (answer, expected) => {
    nock(AWIN).get('/publishers/100001/linkbuilder/quota').reply(200, answer);
    const quota = await runAwin(App.searches.awin_short_link_quota, {});
    expect(quota).toEqual([{ id: 100001, publisherId: 100001, ...expected }]);
  });

  it('fails loudly when Awin changes the quota shape', async () => {
    nock(AWIN)
      .get('/publishers/100001/linkbuilder/quota')
      .reply(200, { shorten: { limit: 'lots' } });
    const error = describeError(await failure(runAwin(App.searches.awin_short_link_quota, {})));
    expect(error.message).toMatch(/^Awin sent an answer this integration cannot read \(HTTP 200/);
  });
});

describe('Awin triggers', () => {
  it('lists publisher accounts for the dropdown, leaving out advertiser accounts', async () => {
    nock(AWIN)
      .get('/accounts')
      .query({ type: 'publisher' })
      .reply(200, {
        userId: 1,
        accounts: [
          { accountId: 100001, accountName: 'Jane Doe Media', accountType: 'publisher' },
          { accountId: 200001, accountName: 'Jane Doe Store', accountType: 'advertiser' },
        ],
      });
    expect(await runAwin(App.triggers.awin_publisher_account_list, {})).toEqual([
      { id: '100001', name: 'Jane Doe Media (100001)' },
    ]);
  });

  it('lists joined advertisers A–Z for the dropdown of the chosen publisher', async () => {
    nock(AWIN)
      .get('/publishers/100002/programmes')
      .query({ relationship: 'joined' })
      .reply(200, programmes);
    const items = await runAwin<{ id: string; name: string }[]>(App.triggers.awin_advertiser_list, {
      publisherId: '100002',
    });
    expect(items.map((item) => item.name)).toEqual([
      'Acme Shoes (1001)',
      'Big Nordic Outdoor Store (1010)',
      'Nordic Outdoor (1002)',
      'Nordic Outdoor Outlet (1003)',
    ]);
  });

  it('new_awin_advertiser returns joined programmes newest (highest id) first with a text id', async () => {
    nock(AWIN)
      .get('/publishers/100001/programmes')
      .query({ relationship: 'joined' })
      .reply(200, programmes);
    const items = await runAwin<{ id: string; advertiserId: number; publisherId: number }[]>(
      App.triggers.new_awin_advertiser,
      {},
    );
    expect(items.map((item) => item.id)).toEqual(['1010', '1003', '1002', '1001']);
    expect(items[0]).toMatchObject({
      advertiserId: 1010,
      publisherId: 100001,
      name: 'Big Nordic Outdoor Store',
    });
  });
});
