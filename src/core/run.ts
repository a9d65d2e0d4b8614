import { AsyncLocalStorage } from 'node:async_hooks';
import { type Bundle, type ZObject } from 'zapier-platform-core';

import { Deadline, MIN_REQUEST_MS, RUN_LIMIT_MS } from './deadline';
import { appError } from './errors';
import { type Clock, systemClock } from './rateLimit';

/**
 * One run context per perform (every create, search, trigger, dropdown and the connection test),
 * made in one place: `inRun` wraps each perform of the app. It holds the run's one deadline (about
 * 25 s from the start: Zapier stops a step at 30 s and every row is lost with it) and what the
 * run's parts share (lists read once, messages logged once). Every request, page loop, budget or
 * lock wait and z.cache round trip takes its time from it, reading it with `runOf(z)`.
 */

/** What a row that was not reached in time says. */
export const NOT_PROCESSED_IN_TIME =
  'Not processed: this run reached the time Zapier allows one step (30 seconds) before this row. ' +
  'Run the step again for the rows marked like this, or split the list into smaller runs.';

export interface RunOptions {
  /** The clock the deadline is on; tests pass their own. */
  clock?: Clock;
  /** How long the run may work; 25 s unless a test says otherwise. */
  limitMs?: number;
}

export class Run {
  readonly deadline: Deadline;
  private readonly memo = new Map<string, Promise<unknown>>();
  private readonly logged = new Set<string>();

  constructor(
    readonly z: ZObject,
    readonly bundle: Bundle,
    options: RunOptions = {},
  ) {
    this.deadline = Deadline.fromNow(options.limitMs ?? RUN_LIMIT_MS, options.clock ?? systemClock);
  }

  get clock(): Clock {
    return this.deadline.clock;
  }

  /**
   * The error for work not started, or not finished, before the deadline. `waitingFor` says what
   * the run was waiting for, in words ("Awin's answer", "Zapier's cache"): a single action ends
   * with it; a bulk run marks its rows with NOT_PROCESSED_IN_TIME instead.
   */
  outOfTime(waitingFor: string, network?: string): Error {
    return appError(
      this.z,
      { network, kind: 'out_of_time' },
      `This step stopped while waiting for ${waitingFor}: Zapier allows one step 30 seconds, and ` +
        'the time ran out first. This is usually temporary: try the step again in a few minutes.',
      408,
    );
  }

  /** Throws `outOfTime` when too little time is left to start something worth `needMs`. */
  checkTime(waitingFor: string, network?: string, needMs = MIN_REQUEST_MS): void {
    if (this.deadline.tooLateToStart(needMs)) throw this.outOfTime(waitingFor, network);
  }

  /**
   * Waits for `work`, at most `capMs` and never past the run's deadline. Past either it rejects
   * with `late()` (by default `outOfTime(waitingFor)`); the work itself is left to settle unseen.
   */
  async bounded<T>(
    work: Promise<T>,
    waitingFor: string,
    options: { capMs?: number; network?: string; late?: () => Error } = {},
  ): Promise<T> {
    const waitMs = this.deadline.timeoutMs(options.capMs ?? Infinity);
    const late = options.late ?? (() => this.outOfTime(waitingFor, options.network));
    if (waitMs <= 0) {
      work.catch(() => undefined);
      throw late();
    }
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(late()), waitMs);
      timer.unref?.();
    });
    try {
      return await Promise.race([work, timeout]);
    } finally {
      clearTimeout(timer);
      work.catch(() => undefined);
    }
  }

  /** What the run reads once and its parts share (a directory, a list): loaded at most once. */
  once<T>(key: string, load: () => Promise<T>): Promise<T> {
    let value = this.memo.get(key) as Promise<T> | undefined;
    if (!value) {
      value = load();
      this.memo.set(key, value);
      // A failed load is not kept: a later part of the run may ask again.
      value.catch(() => this.memo.delete(key));
    }
    return value;
  }

  /** Logs `message` to Zapier's run log, at most once in this run. */
  logOnce(message: string): void {
    if (this.logged.has(message)) return;
    this.logged.add(message);
    this.z.console.log(message);
  }
}

const current = new AsyncLocalStorage<Run>();
const RUN_MARK = Symbol.for('affiliate-links.run');
const INPUT_KEYS = Symbol.for('affiliate-links.input-keys');

type Perform<R> = (z: ZObject, bundle: Bundle) => Promise<R>;

/**
 * The run of the perform in progress. Called outside one (a unit test calling a helper directly),
 * a run starts here, from now.
 */
export function runOf(z: ZObject, bundle?: Bundle): Run {
  return current.getStore() ?? new Run(z, bundle ?? ({ inputData: {}, authData: {} } as Bundle));
}

/** Runs `work` inside `run` (tests that need their own clock or limit). */
export function withinRun<R>(run: Run, work: () => R): R {
  return current.run(run, work);
}

/** Wraps a perform so that it runs inside its own run context: the one place a run is made. */
export function inRun<R>(
  perform: (z: ZObject, bundle: Bundle) => R | Promise<R>,
  options: RunOptions = {},
): Perform<R> {
  const wrapped: Perform<R> = (z, bundle) =>
    current.run(new Run(z, bundle, options), async () => {
      noteUnknownKeys(z, bundle, (wrapped as { [INPUT_KEYS]?: ReadonlySet<string> })[INPUT_KEYS]);
      return perform(z, bundle);
    });
  Object.defineProperty(wrapped, RUN_MARK, { value: true });
  return wrapped;
}

/** True for a perform wrapped by `inRun` (the definition test checks every perform of the app). */
export function isInRun(perform: unknown): boolean {
  return typeof perform === 'function' && RUN_MARK in perform;
}

type ActionDefinition = { operation: { perform?: unknown; inputFields?: readonly unknown[] } };

/**
 * Tells each wrapped perform the input keys its step declares (its fields, and the fields of its
 * line items), so a run given a key the step does not have says so in the run log: with
 * `zapier-platform invoke`, a mistyped key ("clickRef" for "clickref") is otherwise silently
 * ignored. Steps whose fields depend on the connection (a function among them) are not checked.
 */
export function declareInputKeys(
  actions: Readonly<Record<string, Readonly<Record<string, ActionDefinition>>>>,
): void {
  for (const group of Object.values(actions)) {
    for (const action of Object.values(group)) {
      const { perform, inputFields = [] } = action.operation;
      if (!isInRun(perform) || inputFields.some((field) => typeof field === 'function')) continue;
      const keys = new Set<string>();
      for (const field of inputFields as { key: string }[]) {
        keys.add(field.key);
      }
      Object.defineProperty(perform, INPUT_KEYS, { value: keys, configurable: true });
    }
  }
}

/** Logs, once, the input keys the step does not declare, with the declared key they resemble. */
function noteUnknownKeys(z: ZObject, bundle: Bundle, keys: ReadonlySet<string> | undefined): void {
  if (!keys) return;
  const unknown = Object.keys(bundle.inputData ?? {}).filter((key) => !keys.has(key));
  if (unknown.length === 0) return;
  const said = unknown.map((key) => {
    const like = [...keys].find((known) => known.toLowerCase() === key.toLowerCase());
    return like ? `"${key}" (did you mean "${like}"?)` : `"${key}"`;
  });
  z.console.log(
    `This step has no input ${said.length === 1 ? 'field' : 'fields'} ${said.join(', ')}: ` +
      `${said.length === 1 ? 'it was' : 'they were'} ignored. Input keys are case-sensitive; ` +
      `this step's are: ${[...keys].join(', ')}.`,
  );
}
