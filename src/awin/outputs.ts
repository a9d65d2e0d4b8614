import { type AwinProgramme } from './schemas';

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
