import { describeValue, invalidInput, isBlank, optionalPositiveInt } from '../core/input';
import { type ZObject } from 'zapier-platform-core';

/**
 * QR codes for any link: reading the image options before any work, and drawing the image with the
 * qrcode package (loaded only when a QR code is made: the app cold-starts on every Zap run).
 */

export interface QrCodeOutput {
  file: string;
  url: string;
  format: 'png' | 'svg';
  size: number;
}

export const FORMATS = { png: 'image/png', svg: 'image/svg+xml' } as const;

const LEVELS = ['L', 'M', 'Q', 'H'] as const;

export const SIZE = { min: 64, max: 2048, default: 512 };

export const MARGIN = { max: 20, default: 4 };

function pick<T extends string>(
  z: ZObject,
  value: unknown,
  allowed: readonly T[],
  fallback: T,
  label: string,
): T {
  if (isBlank(value)) return fallback;
  const normalized = String(value).trim();
  const found = allowed.find((option) => option.toLowerCase() === normalized.toLowerCase());
  if (found) return found;
  throw invalidInput(
    z,
    `${label} must be one of ${allowed.join(', ')}, but it was ${describeValue(value)}.`,
  );
}

function readSize(z: ZObject, value: unknown): number {
  const size = optionalPositiveInt(z, value, 'Size') ?? SIZE.default;
  if (size < SIZE.min || size > SIZE.max) {
    throw invalidInput(
      z,
      `Size must be between ${SIZE.min} and ${SIZE.max} pixels, but it was ${size}.`,
    );
  }
  return size;
}

function readMargin(z: ZObject, value: unknown): number {
  if (isBlank(value)) return MARGIN.default;
  const margin = String(value).trim() === '0' ? 0 : optionalPositiveInt(z, value, 'Margin');
  if (margin === undefined || margin > MARGIN.max) {
    throw invalidInput(
      z,
      `Margin must be a whole number from 0 to ${MARGIN.max} (modules of white border).`,
    );
  }
  return margin;
}

export interface QrOptions {
  format: 'png' | 'svg';
  errorCorrectionLevel: (typeof LEVELS)[number];
  size: number;
  margin: number;
}

/** Reads Format, Error Correction, Size and Margin; each has a default. */
export function readQrOptions(z: ZObject, input: Record<string, unknown>): QrOptions {
  return {
    format: pick(z, input.format, ['png', 'svg'] as const, 'png', 'Format'),
    errorCorrectionLevel: pick(z, input.error_correction, LEVELS, 'M', 'Error Correction'),
    size: readSize(z, input.size),
    margin: readMargin(z, input.margin),
  };
}

/** Draws the QR code, or refuses a URL too long for one at the chosen error correction. */
export async function renderQrCode(z: ZObject, url: string, options: QrOptions): Promise<Buffer> {
  const QRCode = await import('qrcode');
  const { errorCorrectionLevel, margin, size, format } = options;
  try {
    // Only the amount of data can make `create` fail here: the options were checked already.
    QRCode.create(url, { errorCorrectionLevel });
  } catch {
    throw invalidInput(
      z,
      `This URL is too long to fit in a QR code (${url.length} characters at error correction ` +
        `${errorCorrectionLevel}). Shorten it first, e.g. with the Awin short link option, or use a lower error correction.`,
    );
  }
  const drawing = { errorCorrectionLevel, margin, width: size };
  return format === 'png'
    ? QRCode.toBuffer(url, { ...drawing, type: 'png' })
    : Buffer.from(await QRCode.toString(url, { ...drawing, type: 'svg' }), 'utf8');
}
