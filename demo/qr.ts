import { type QrCodeOutput } from '../src/qr/qrCode';
import type { AwinTrackingLink } from '../creates/awinTrackingLink';
import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import App from '../index';
import { tally, type DemoContext } from './context';

const QR_OUTPUT = 'demo-output/qr-code.png';

/** A QR code for an Awin link, stashed in the sandbox's file service and saved as a PNG to open. */
export async function demoQrCode(demo: DemoContext): Promise<void> {
  const link = await demo.run<AwinTrackingLink>(App.creates.awin_tracking_link, {
    advertiserId: 1001,
    destinationUrl: 'https://www.acmeshoes.example/spring-sale',
    clickref: 'poster-2026',
  });
  demo.done(
    `Made an Awin tracking link for a poster: advertiser ${link.advertiserId}, to ` +
      `${link.destinationUrl}, with click reference "poster-2026":`,
    [link.url],
    1,
  );
  const qr = await demo.run<QrCodeOutput>(App.creates.qr_code, { url: link.url, size: 512 });
  const response = await fetch(qr.file);
  if (!response.ok) throw new Error(`the QR code file could not be read (${response.status})`);
  await mkdir(resolve('demo-output'), { recursive: true });
  await writeFile(resolve(QR_OUTPUT), Buffer.from(await response.arrayBuffer()));
  tally.saved.push(`The QR code is saved as ${QR_OUTPUT}: open it and scan it with a phone.`);
  demo.done(
    `Turned that link into a ${qr.size}-pixel ${qr.format.toUpperCase()} QR code, a file later ` +
      'Zap steps can attach or upload:',
    [`Saved as ${QR_OUTPUT}: open it and scan it with a phone.`],
  );
}
