import { type QrCodeOutput } from '../src/qr/qrCode';
import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import App from '../index';
import type { DemoContext } from './context';

export const QR_OUTPUT = 'demo-output/qr-code.png';

/** A QR code for an Awin link, stashed in the sandbox's file service and saved as a PNG to open. */
export async function demoQrCode(demo: DemoContext): Promise<void> {
  const link = await demo.run<{ url: string }>(App.creates.awin_tracking_link, {
    advertiserId: 1001,
    destinationUrl: 'https://www.acmeshoes.example/spring-sale',
    clickref: 'poster-2026',
  });
  const qr = await demo.run<QrCodeOutput>(App.creates.qr_code, { url: link.url, size: 512 });
  demo.step('Create QR Code (for an Awin link)', qr);
  const response = await fetch(qr.file);
  await mkdir(resolve('demo-output'), { recursive: true });
  await writeFile(resolve(QR_OUTPUT), Buffer.from(await response.arrayBuffer()));
  console.log(`    saved as ${QR_OUTPUT}: open it and scan it with a phone`);
}
