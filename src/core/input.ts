import { type ZObject } from 'zapier-platform-core';

import { appError } from './errors';

/**
 * Input validation shared by every action. Values arrive from Zap mappings, so ids are often strings
 * (" 1111 ") and optional fields are often empty strings. Each helper either returns a clean value or
 * throws a `z.errors.Error` that names the field and tells the user how to fix it, before any request.
 */

/** The error for input the user must correct, thrown before any request. */
export function invalidInput(z: ZObject, message: string): Error {
  return appError(z, { kind: 'invalid_input' }, message, 400);
}

/** True for undefined, null and strings that are empty after trimming. */
export function isBlank(value: unknown): boolean {
  return (
    value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
  );
}

/** A value as a message shows it: quoted text (clipped), a number, or "a list or an object". */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') {
    const oneLine = value.replace(/\s+/g, ' ');
    return `"${oneLine.length > 80 ? `${oneLine.slice(0, 80)}…` : oneLine}"`;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return 'a list or an object';
  return value !== null && typeof value === 'object' ? 'a list or an object' : 'empty';
}

/** Reads a positive whole number, accepting numeric strings with spaces around them. */
export function parsePositiveInt(value: unknown): number | undefined {
  if (typeof value === 'number') {
    return Number.isSafeInteger(value) && value > 0 ? value : undefined;
  }
  if (typeof value === 'string') {
    const trimmed = value.trim();
    if (!/^\d+$/.test(trimmed)) return undefined;
    const parsed = Number(trimmed);
    return Number.isSafeInteger(parsed) && parsed > 0 ? parsed : undefined;
  }
  return undefined;
}

export function requirePositiveInt(z: ZObject, value: unknown, label: string): number {
  if (isBlank(value)) {
    throw invalidInput(z, `${label} is required. Choose one from the list or map a numeric ID.`);
  }
  const parsed = parsePositiveInt(value);
  if (parsed === undefined) {
    throw invalidInput(
      z,
      `${label} must be a positive whole number such as 1234, but it was ${describeValue(value)}. ` +
        `Choose one from the list or map a field that holds only the numeric ID.`,
    );
  }
  return parsed;
}

export function optionalPositiveInt(z: ZObject, value: unknown, label: string): number | undefined {
  return isBlank(value) ? undefined : requirePositiveInt(z, value, label);
}

/** Returns the trimmed string, or undefined when blank. Numbers and booleans are turned into text. */
export function optionalText(
  z: ZObject,
  value: unknown,
  label: string,
  maxLength: number,
): string | undefined {
  if (isBlank(value)) return undefined;
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
    throw invalidInput(z, `${label} must be text, but it was ${describeValue(value)}.`);
  }
  const text = String(value).trim();
  if (text.length > maxLength) {
    throw invalidInput(
      z,
      `${label} is ${text.length} characters long; the most allowed is ${maxLength}. Shorten it and try again.`,
    );
  }
  refuseTemplateBraces(z, text, label);
  return text;
}

/**
 * Zapier reads `{{` and `}}` in a request as its own field-mapping syntax and refuses to send such
 * a request, so text with them is refused here, before any request, with the field named.
 */
function refuseTemplateBraces(z: ZObject, text: string, label: string): void {
  if (text.includes('{{') || text.includes('}}')) {
    throw invalidInput(
      z,
      `${label} contains "{{" or "}}", which Zapier keeps for its own field mapping and will not ` +
        'send. Remove the double braces (single { and } are fine) and try again.',
    );
  }
}

/**
 * Reads a credential from the connection: trimmed, and refused before any request when it holds
 * characters no API key has (invisible spaces, line breaks, emoji), which copying from a web page
 * or a chat can add. `label` names the connection field.
 */
export function readCredential(
  z: ZObject,
  value: unknown,
  label: string,
  reconnect: string,
): string {
  if (isBlank(value)) {
    throw invalidInput(z, `This connection has no ${label}. ${reconnect}`);
  }
  const text = String(value).trim();
  if (!/^[\x21-\x7e]+$/.test(text)) {
    throw invalidInput(
      z,
      `${label} contains a character no key has (an invisible space, a line break, an emoji or ` +
        `a letter with an accent), usually added by copying. Re-paste your key: ${reconnect}`,
    );
  }
  return text;
}

/** Checks that a value is an absolute http(s) URL and returns it trimmed. */
export function parseHttpUrl(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  let parsed: URL;
  try {
    parsed = new URL(trimmed);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
  if (!parsed.hostname) return undefined;
  return trimmed;
}

export function requireHttpUrl(z: ZObject, value: unknown, label: string): string {
  if (isBlank(value)) {
    throw invalidInput(
      z,
      `${label} is required. Map the full web address, starting with http:// or https://.`,
    );
  }
  const url = parseHttpUrl(value);
  if (url === undefined) {
    throw invalidInput(
      z,
      `${label} must be a full web address starting with http:// or https://, such as ` +
        `https://www.example.com/product, but it was ${describeValue(value)}.`,
    );
  }
  refuseTemplateBraces(z, url, label);
  return url;
}

export function optionalHttpUrl(z: ZObject, value: unknown, label: string): string | undefined {
  return isBlank(value) ? undefined : requireHttpUrl(z, value, label);
}

/** Zapier booleans arrive as true/false or as the strings "true"/"false"/"yes"/"no". */
export function parseBoolean(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') return ['true', 'yes', '1'].includes(value.trim().toLowerCase());
  return value === 1;
}

/** Line items arrive as an array of objects; a single object is accepted too. */
export function requireItems(
  z: ZObject,
  value: unknown,
  label: string,
  max: number,
  splitHint: string,
): Record<string, unknown>[] {
  const items = Array.isArray(value) ? value : isBlank(value) ? [] : [value];
  const objects = items.filter(
    (item): item is Record<string, unknown> =>
      typeof item === 'object' && item !== null && !Array.isArray(item),
  );
  if (objects.length !== items.length) {
    throw invalidInput(z, `${label} must be a list of line items; map a line-item field.`);
  }
  if (objects.length === 0) {
    throw invalidInput(
      z,
      `${label} is empty. Add at least one item, or map line items from an earlier step.`,
    );
  }
  if (objects.length > max) {
    throw invalidInput(
      z,
      `${label} has ${objects.length} items; one run takes at most ${max}. ${splitHint}`,
    );
  }
  return objects;
}
