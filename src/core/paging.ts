import { type Bundle } from 'zapier-platform-core';

/** The dropdown page Zapier asks for, from 0. `bundle.meta` is missing in some test runners. */
export function zapierPage(bundle: Bundle): number {
  const meta = bundle.meta as Partial<Bundle['meta']> | undefined;
  const page = meta?.page;
  return typeof page === 'number' && Number.isInteger(page) && page > 0 ? page : 0;
}
