// When a watched link counts as having stopped working (README "Watching links"): pure, so the
// rule is property-tested on its own. A link fires once when it turns from working (or never seen)
// to broken, and again only after it was seen working and broke again.
import type { LinkStatus } from '../linkCheck/types';

/** Verdicts that say the link works: `warning` is a link that works, with something to look at. */
const WORKING: ReadonlySet<LinkStatus> = new Set(['ok', 'warning']);
/**
 * Verdicts not called broken on one sight: a slow moment or a bot wall says little about the link.
 * Two checks in a row that did not get through (these, or any failure) are a break.
 */
const UNSURE: ReadonlySet<LinkStatus> = new Set(['timeout', 'inconclusive']);

/** What is remembered of one link between polls. */
export interface LinkMemory {
  /** The verdict of its last check. */
  status: LinkStatus;
  /** When it was last checked (epoch ms). */
  checkedAt: number;
  /** True while a break would fire: it was seen working, or never seen. False once it fired. */
  armed: boolean;
  /** When the checks in a row that did not find it working began (epoch ms); absent while it works. */
  failingSince?: number;
}

/** What one new verdict does to a link. */
export interface Judgement {
  memory: LinkMemory;
  /** True when this verdict is the break to alert on. */
  fires: boolean;
}

function isWorking(status: LinkStatus): boolean {
  return WORKING.has(status);
}

/**
 * The link's memory after a check with `status` at `at`, and whether that check fires. `previous`
 * is undefined for a link never seen (or whose memory was lost: it may then fire once more).
 */
export function judge(previous: LinkMemory | undefined, status: LinkStatus, at: number): Judgement {
  if (isWorking(status)) {
    return { memory: { status, checkedAt: at, armed: true }, fires: false };
  }
  const failingBefore = previous?.failingSince;
  const failingSince = failingBefore ?? at;
  // Broken on one sight, or an unsure verdict right after another check that did not get through.
  const broken = !UNSURE.has(status) || failingBefore !== undefined;
  const armed = previous?.armed ?? true;
  const fires = armed && broken;
  return { memory: { status, checkedAt: at, armed: armed && !fires, failingSince }, fires };
}
