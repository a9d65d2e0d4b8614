import { inRun } from '../src/core/run';
import { type Bundle, defineCreate, type ZObject } from 'zapier-platform-core';

import { requireHttpUrl } from '../src/core/input';

import {
  FORMATS,
  MARGIN,
  type QrCodeOutput,
  readQrOptions,
  renderQrCode,
  SIZE,
} from '../src/qr/qrCode';

const perform = async (z: ZObject, bundle: Bundle): Promise<QrCodeOutput> => {
  const url = requireHttpUrl(z, bundle.inputData.url, 'URL');
  const options = readQrOptions(z, bundle.inputData);
  const image = await renderQrCode(z, url, options);
  const file = await z.stashFile(
    image,
    image.length,
    `qr-code.${options.format}`,
    FORMATS[options.format],
  );
  return { file, url, format: options.format, size: options.size };
};

export default defineCreate({
  key: 'qr_code',
  noun: 'QR Code',
  display: {
    label: 'Create QR Code',
    description: 'Creates a QR code image (PNG or SVG) for any link, ready to attach or upload.',
  },
  operation: {
    perform: inRun(perform),
    inputFields: [
      {
        key: 'url',
        label: 'URL',
        type: 'string',
        required: true,
        helpText:
          'The link to encode, starting with http:// or https://, e.g. a tracking link from an earlier step.',
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
