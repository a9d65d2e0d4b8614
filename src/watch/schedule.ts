// Which links of the watched set one poll checks (README "Watching links"): round robin from the
// kept position, at most 20 a poll, never a link checked in the last hour. Pure: the poll keeps
// the position and the check times in z.cache.

/** Links one poll checks at most: each check is a real click, and the poll has 25 s. */
export const CHECKS_PER_POLL = 20;
/** A link is not checked again sooner than this after its last check. */
export const RECHECK_AFTER_MS = 60 * 60 * 1000;

/**
 * The positions (in the set's order) of the links to check now: from `position` round the set,
 * those never checked or last checked at least an hour ago, at most `max`.
 */
export function dueLinks(
  lastChecked: readonly (number | undefined)[],
  position: number,
  now: number,
  max = CHECKS_PER_POLL,
): number[] {
  const count = lastChecked.length;
  const due: number[] = [];
  for (let step = 0; step < count && due.length < max; step++) {
    const at = (startOf(position, count) + step) % count;
    const checkedAt = lastChecked[at];
    if (checkedAt === undefined || now - checkedAt >= RECHECK_AFTER_MS) due.push(at);
  }
  return due;
}

/**
 * Where the next poll starts: at the first due link this poll could not check (it ran out of
 * time), so it goes first next time; else just after the last link checked.
 */
export function nextPosition(
  due: readonly number[],
  checked: readonly boolean[],
  position: number,
  count: number,
): number {
  if (count === 0) return 0;
  if (due.length === 0) return startOf(position, count);
  const missed = due.findIndex((_, i) => !checked[i]);
  return missed >= 0 ? due[missed] : (due[due.length - 1] + 1) % count;
}

function startOf(position: number, count: number): number {
  return count === 0 || !Number.isInteger(position) || position < 0 ? 0 : position % count;
}
