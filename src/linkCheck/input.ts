// What counts as a link the checker may take at all (README "Checking links", Input). Anything
// else is refused before any request, with words that say how to fix it.

const MAX_URL_LENGTH = 2048;

export type LinkCheckInputCode =
  | 'empty'
  | 'too_long'
  | 'not_a_url'
  | 'unsupported_scheme'
  | 'has_credentials'
  | 'empty_list'
  | 'too_many_links';

/**
 * A link (or a list of links) the checker will not take. The caller turns it into the platform's
 * own error (a Zapier `z.errors.Error` for one link, an `invalid` row in bulk).
 */
export class LinkCheckInputError extends Error {
  readonly reason: { kind: 'invalid_input'; code: LinkCheckInputCode };

  constructor(code: LinkCheckInputCode, message: string) {
    super(message);
    this.name = 'LinkCheckInputError';
    this.reason = { kind: 'invalid_input', code };
  }
}

/** Parses the link to check, or throws `LinkCheckInputError` saying what is wrong with it. */
export function parseLinkToCheck(raw: string): URL {
  const text = raw.trim();
  if (text === '') throw new LinkCheckInputError('empty', 'Enter the link to check.');
  if (text.length > MAX_URL_LENGTH) {
    throw new LinkCheckInputError(
      'too_long',
      `The link is ${text.length} characters long; links to check may be at most ${MAX_URL_LENGTH}.`,
    );
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new LinkCheckInputError(
      'not_a_url',
      `"${shorten(text)}" is not a full web address: enter it starting with https:// or http://.`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new LinkCheckInputError(
      'unsupported_scheme',
      `Only web links (https:// or http://) can be checked, not "${url.protocol}" links.`,
    );
  }
  if (url.username !== '' || url.password !== '') {
    throw new LinkCheckInputError(
      'has_credentials',
      'The link contains a user name or password (user:password@…): remove it and check the link again.',
    );
  }
  return url;
}

function shorten(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
