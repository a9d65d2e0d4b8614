// "Tracking Link Stopped Working": its input fields and their readers. Loaded with the app (the
// trigger's fields), so nothing heavy is imported here.
import { type ZObject } from 'zapier-platform-core';
import { describeValue, invalidInput, isBlank } from '../core/input';
import { andList, plural, thousands } from '../core/text';
import { NETWORKS } from '../connection/registry';
import { readDevice, readExpectedDomains } from '../linkCheck/fields';
import { LinkCheckInputError, parseLinkToCheck } from '../linkCheck/input';
import type { Device } from '../linkCheck/types';
import { CHECKS_PER_POLL } from './schedule';

/** Most links one Zap watches with source `list`. */
export const MAX_WATCHED_LINKS = 500;

type WatchSource = 'programmes' | 'list';

export const sourceField = {
  key: 'source',
  label: 'Links to Watch',
  type: 'string' as const,
  required: false,
  default: 'programmes',
  choices: {
    programmes: 'The default link of every programme I joined, on every connected network',
    list: 'The links I list below',
  },
  helpText:
    `Your programmes: ${andList(NETWORKS.map((network) => network.watch.watched))}. Or your own ` +
    'list of links (for example the links on your site), in Links below.',
};

export const watchedLinksField = {
  key: 'links',
  label: 'Links',
  type: 'text' as const,
  required: false,
  helpText:
    `With "The links I list below": the tracking links to watch, one per line, up to ` +
    `${MAX_WATCHED_LINKS}, each starting with https:// or http://. Each poll checks ` +
    `${CHECKS_PER_POLL} of them in turn (never one link twice within an hour), so ` +
    `${MAX_WATCHED_LINKS} links are all checked every ${Math.ceil(MAX_WATCHED_LINKS / CHECKS_PER_POLL)} polls.`,
};

export const watchExpectedDomainField = {
  key: 'expected_domain',
  label: 'Expected Domain',
  type: 'string' as const,
  required: false,
  helpText:
    'With "The links I list below" only: the domain every link should land on, e.g. ' +
    '`shop.example` (subdomains count; several separated by commas). Leave empty to take it from ' +
    'each link or its programme. Your programmes are always checked against their own domains.',
};

export interface WatchInput {
  source: WatchSource;
  /** The links given (source `list`): trimmed, in order, each once. */
  links: string[];
  /** Where the listed links should land ([] = from each link or its programme). */
  expectedDomains: string[];
  device: Device;
}

function readSource(z: ZObject, value: unknown): WatchSource {
  if (isBlank(value)) return 'programmes';
  const source = String(value).trim().toLowerCase();
  if (source === 'programmes' || source === 'list') return source;
  throw invalidInput(
    z,
    `Links to Watch must be "programmes" (your programmes) or "list" (the links you list), but it ` +
      `was ${describeValue(value)}.`,
  );
}

/** The listed links, each checked the way the link checker takes links, or the step's error. */
function readLinks(z: ZObject, value: unknown): string[] {
  if (isBlank(value)) {
    throw invalidInput(
      z,
      'Links is empty. Enter the links to watch, one per line, or choose your programmes in ' +
        'Links to Watch.',
    );
  }
  if (typeof value !== 'string') {
    throw invalidInput(
      z,
      `Links must be text with one link per line, not ${describeValue(value)}.`,
    );
  }
  const lines = value.split(/\r?\n/).map((line) => line.trim());
  const links: string[] = [];
  lines.forEach((line, i) => {
    if (line === '') return;
    try {
      parseLinkToCheck(line);
    } catch (error) {
      if (error instanceof LinkCheckInputError) {
        throw invalidInput(
          z,
          `Line ${i + 1} of Links is not a link that can be watched: ${error.message}`,
        );
      }
      throw error;
    }
    if (!links.includes(line)) links.push(line);
  });
  if (links.length > MAX_WATCHED_LINKS) {
    throw invalidInput(
      z,
      `Links has ${thousands(links.length)} different links; one Zap watches at most ` +
        `${MAX_WATCHED_LINKS}. Split them over ${plural(Math.ceil(links.length / MAX_WATCHED_LINKS), 'Zap')}.`,
    );
  }
  return links;
}

/** The step's input, checked before any request. */
export function readWatchInput(z: ZObject, inputData: Record<string, unknown>): WatchInput {
  const source = readSource(z, inputData.source);
  const device = readDevice(z, inputData.device);
  if (source === 'programmes') {
    // Filled fields that would be ignored are a mistake worth saying, not a silent surprise.
    if (!isBlank(inputData.links)) {
      throw invalidInput(
        z,
        'Links is filled in, but Links to Watch is set to your programmes. Choose "The links I ' +
          'list below" to watch those links, or empty Links.',
      );
    }
    if (!isBlank(inputData.expected_domain)) {
      throw invalidInput(
        z,
        'Expected Domain applies only to links you list: your programmes are checked against ' +
          'their own domains. Empty Expected Domain, or choose "The links I list below".',
      );
    }
    return { source, links: [], expectedDomains: [], device };
  }
  return {
    source,
    links: readLinks(z, inputData.links),
    expectedDomains: readExpectedDomains(z, inputData.expected_domain, 'Expected Domain'),
    device,
  };
}
