import { demoAwin } from './awin';
import type { DemoContext } from './context';
import { demoEarnings } from './earnings';
import { demoEverflow } from './everflow';
import { demoImpact } from './impact';
import { demoLinkCheck } from './linkCheck';
import { demoOfferslook } from './offerslook';
import { demoQrCode } from './qr';
import { demoUrlLinks } from './urlLinks';
import { demoWatch } from './watch';

/** The demo's sections, in the order they run. */
export const SECTIONS: [title: string, run: (demo: DemoContext) => Promise<void>][] = [
  ['Awin', demoAwin],
  ['Everflow', demoEverflow],
  ['Offerslook', demoOfferslook],
  ['Impact', demoImpact],
  ['Any URL to the right link', demoUrlLinks],
  ['QR code', demoQrCode],
  ['Checking links', demoLinkCheck],
  ['Watching links', demoWatch],
  ['Earnings', demoEarnings],
];
