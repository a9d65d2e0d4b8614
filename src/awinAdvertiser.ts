import type { AwinProgramme } from './awin';

/** How an Awin advertiser (programme) looks in the output of searches and triggers. */
export type AwinAdvertiserOutput = {
  id: number;
  name: string;
  displayUrl: string | null;
  clickThroughUrl: string | null;
  logoUrl: string | null;
  status: string | null;
  primarySector: string | null;
  primaryRegion: { name: string | null; countryCode: string | null };
};

export function advertiserOutput(programme: AwinProgramme): AwinAdvertiserOutput {
  return {
    id: programme.id,
    name: programme.name,
    displayUrl: programme.displayUrl,
    clickThroughUrl: programme.clickThroughUrl,
    logoUrl: programme.logoUrl,
    status: programme.status,
    primarySector: programme.primarySector,
    primaryRegion: programme.primaryRegion,
  };
}

export const advertiserSample: AwinAdvertiserOutput = {
  id: 1001,
  name: 'Acme Shoes',
  displayUrl: 'https://www.acmeshoes.example',
  clickThroughUrl: 'https://www.awin1.com/awclick.php?mid=1001&id=100001',
  logoUrl: 'https://ui.awin.com/images/upload/merchant/profile/1001.png',
  status: 'Active',
  primarySector: 'Fashion',
  primaryRegion: { name: 'United Kingdom', countryCode: 'GB' },
};

export const advertiserOutputFields = [
  { key: 'id', label: 'Advertiser ID' },
  { key: 'name', label: 'Name', type: 'string' },
  { key: 'displayUrl', label: 'Website', type: 'string' },
  { key: 'clickThroughUrl', label: 'Default Tracking Link', type: 'string' },
  { key: 'logoUrl', label: 'Logo URL', type: 'string' },
  { key: 'status', label: 'Status', type: 'string' },
  { key: 'primarySector', label: 'Primary Sector', type: 'string' },
  { key: 'primaryRegion__name', label: 'Primary Region', type: 'string' },
  { key: 'primaryRegion__countryCode', label: 'Primary Region Country Code', type: 'string' },
] as const;

/** Exact (case-insensitive) name matches first, then names that contain the text; A–Z within each. */
export function rankByName<T extends { name: string }>(items: T[], query: string): T[] {
  const needle = query.trim().toLowerCase();
  const score = (item: T): number => {
    const name = item.name.trim().toLowerCase();
    if (name === needle) return 0;
    if (name.startsWith(needle)) return 1;
    return name.includes(needle) ? 2 : -1;
  };
  return items
    .map((item) => ({ item, rank: score(item) }))
    .filter(({ rank }) => rank >= 0)
    .sort((a, b) => a.rank - b.rank || a.item.name.localeCompare(b.item.name))
    .map(({ item }) => item);
}
