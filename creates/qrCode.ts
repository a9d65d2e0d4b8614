import { type Bundle, defineCreate, type ZObject } from 'zapier-platform-core';
import { userMessage } from '../src/core/errors';
import { invalidInput, requireHttpUrl } from '../src/core/input';

import {
  FORMATS,
  LEVELS,
  MARGIN,
  pick,
  type QrCodeOutput,
  readMargin,
  readSize,
  SIZE,
} from '../src/qr/qrCode';

const perform = async (z: ZObject, bundle: Bundle): Promise<QrCodeOutput> => {
  const input = bundle.inputData;
  const url = requireHttpUrl(z, input.url, 'URL');
  const format = pick(z, input.format, ['png', 'svg'] as const, 'png', 'Format');
  const errorCorrectionLevel = pick(z, input.error_correction, LEVELS, 'M', 'Error Correction');
  const size = readSize(z, input.size);
  const margin = readMargin(z, input.margin);

  // Loaded here, not at start-up: only this action needs it and the app cold-starts on every run.
  const QRCode = await import('qrcode');
  const options = { errorCorrectionLevel, margin, width: size };
  let image: Buffer;
  try {
    image =
      format === 'png'
        ? await QRCode.toBuffer(url, { ...options, type: 'png' })
        : Buffer.from(await QRCode.toString(url, { ...options, type: 'svg' }), 'utf8');
  } catch (error) {
    if (!/too big|too long/i.test(userMessage(error))) throw error;
    throw invalidInput(
      z,
      `This URL is too long to fit in a QR code (${url.length} characters at error correction ` +
        `${errorCorrectionLevel}). Shorten it first, e.g. with the Awin short link option, or use a lower error correction.`,
    );
  }
  const file = await z.stashFile(image, image.length, `qr-code.${format}`, FORMATS[format]);
  return { file, url, format, size };
};

export default defineCreate({
  key: 'qr_code',
  noun: 'QR Code',
  display: {
    label: 'Create QR Code',
    description: 'Creates a QR code image (PNG or SVG) for any link, ready to attach or upload.',
  },
  operation: {
    perform,
    inputFields: [
      {
        key: 'url',
        label: 'URL',
        type: 'string',
        required: true,
        helpText:
          'The link to encode, starting with https://, e.g. a tracking link from an earlier step.',
      },
      {
        key: 'size',
        label: 'Size (Pixels)',
        type: 'integer',
        required: false,
        default: String(SIZE.default),
        helpText: `Width and height of the image, from ${SIZE.min} to ${SIZE.max}.`,
      },
      {
        key: 'format',
        label: 'Format',
        type: 'string',
        required: false,
        default: 'png',
        choices: { png: 'PNG image', svg: 'SVG (scales for print)' },
      },
      {
        key: 'margin',
        label: 'Margin',
        type: 'integer',
        required: false,
        default: String(MARGIN.default),
        helpText: `White border around the code, in modules (0 to ${MARGIN.max}). Scanners need at least 2–4.`,
      },
      {
        key: 'error_correction',
        label: 'Error Correction',
        type: 'string',
        required: false,
        default: 'M',
        choices: {
          L: 'Low (7%)',
          M: 'Medium (15%)',
          Q: 'Quartile (25%)',
          H: 'High (30%, for printed codes with a logo)',
        },
      },
    ],
    sample: {
      file: 'https://zapier-dev-files.s3.amazonaws.com/cli-platform/qr-code.png',
      url: 'https://www.awin1.com/cread.php?awinmid=1001&awinaffid=100001&ued=https%3A%2F%2Fwww.acmeshoes.example%2F',
      format: 'png',
      size: 512,
    },
    outputFields: [
      { key: 'file', label: 'QR Code File', type: 'file' },
      { key: 'url', label: 'Encoded URL', type: 'string' },
      { key: 'format', label: 'Format', type: 'string' },
      { key: 'size', label: 'Size (Pixels)', type: 'integer' },
    ],
  },
});
