import { type ZObject } from 'zapier-platform-core';

import { userMessage } from './errors';

/**
 * Shared shape of every "… in Bulk" action: one result per input item, in input order, each with a
 * url or the reason that item failed. `index` counts from 1, like rows in a sheet.
 */

type BulkStatus = 'success' | 'error';

export interface BulkItemResult {
  index: number;
  status: BulkStatus;
  url: string | null;
  error: string | null;
}

export interface BulkSummary<T extends BulkItemResult> {
  total: number;
  succeeded: number;
  failed: number;
  links: T[];
}

export function summarize<T extends BulkItemResult>(links: T[]): BulkSummary<T> {
  const succeeded = links.filter((link) => link.status === 'success').length;
  return { total: links.length, succeeded, failed: links.length - succeeded, links };
}

export function succeeded(url: string): Pick<BulkItemResult, 'status' | 'url' | 'error'> {
  return { status: 'success', url, error: null };
}

export function failed(error: string): Pick<BulkItemResult, 'status' | 'url' | 'error'> {
  return { status: 'error', url: null, error };
}

/**
 * Runs a per-item check and turns a thrown user-input error into that item's error message, so one
 * bad row never stops the others. Anything else (a bug, a lost connection) still throws.
 */
export function checkItem<T>(z: ZObject, check: () => T): { value: T } | { error: string } {
  try {
    return { value: check() };
  } catch (error) {
    if (error instanceof z.errors.Error) return { error: userMessage(error) };
    throw error;
  }
}

export function chunk<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size)
    chunks.push(items.slice(start, start + size));
  return chunks;
}

export const bulkOutputFields = [
  { key: 'total', label: 'Total Items', type: 'integer' },
  { key: 'succeeded', label: 'Links Generated', type: 'integer' },
  { key: 'failed', label: 'Items Failed', type: 'integer' },
  { key: 'links[]index', label: 'Links: Position', type: 'integer' },
  { key: 'links[]status', label: 'Links: Status', type: 'string' },
  { key: 'links[]url', label: 'Links: Tracking Link', type: 'string' },
  { key: 'links[]error', label: 'Links: Error', type: 'string' },
] as const;
