import { type ZObject } from 'zapier-platform-core';
import { invalidInput, isBlank, optionalPositiveInt } from '../core/input';

export interface QrCodeOutput {
  file: string;
  url: string;
  format: 'png' | 'svg';
  size: number;
}

export const FORMATS = { png: 'image/png', svg: 'image/svg+xml' } as const;

export const LEVELS = ['L', 'M', 'Q', 'H'] as const;

export const SIZE = { min: 64, max: 2048, default: 512 };

export const MARGIN = { max: 20, default: 4 };

export function pick<T extends string>(
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
    `${label} must be one of ${allowed.join(', ')}, but it was "${normalized}".`,
  );
}

export function readSize(z: ZObject, value: unknown): number {
  const size = optionalPositiveInt(z, value, 'Size') ?? SIZE.default;
  if (size < SIZE.min || size > SIZE.max) {
    throw invalidInput(
      z,
      `Size must be between ${SIZE.min} and ${SIZE.max} pixels, but it was ${size}.`,
    );
  }
  return size;
}

export function readMargin(z: ZObject, value: unknown): number {
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
