import { CronExpressionParser, type CronExpression } from 'cron-parser';
import { firstInstantAfterGap, instantsOfWallTime, isValidTimeZone, wallTimeAt } from './time-zone';

export { isValidTimeZone } from './time-zone';

/**
 * One cron parser for validation and for the scheduler (issue 5: keep one parser for both).
 *
 * Slots are instants. Daylight-saving rules (docs/scheduling.md):
 * - An expression that names specific hours follows the wall clock: a slot inside a skipped hour fires once, at the
 *   first valid instant after the gap (02:30 -> 03:00); slots that land on the same instant fire once; a slot in a
 *   repeated hour fires once, at its first occurrence.
 * - An expression that runs every hour (hour field `*`) follows the clock as shown: times the gap skips do not
 *   exist, and the repeated hour is an hour like any other, so its slots fire in both passes.
 * cron-parser v5 alone shifts gap slots by the offset (02:30 -> 03:30, and 02:00/02:20/02:40 -> three runs) and,
 * when asked from inside the second pass, fires a fixed-hour slot again; the wall-clock path below corrects both.
 */
export type CronSchedule = {
  readonly expression: string;
  readonly timeZone: string;
  /** The first slot strictly after `after` (epoch ms), or null when the expression has no further slot. */
  nextAfter(after: number): number | null;
};

const ALIASES: Record<string, string> = { '@midnight': '@daily' };
const MAX_STEPS = 100_000;

function normalizeExpression(expression: string): string {
  const trimmed = expression.trim();
  return ALIASES[trimmed.toLowerCase()] ?? trimmed;
}

function fieldCountProblem(expression: string): string | null {
  if (expression.startsWith('@')) return null;
  const fields = expression.split(/\s+/).length;
  if (fields === 5 || fields === 6) return null;
  return `Invalid cron expression '${expression}': expected 5 fields (minute hour day month weekday) or 6 with seconds`;
}

/**
 * Parses once; throws an Error with a readable message for an invalid expression or zone.
 * `seed` fixes `H` (hash) fields; the scheduler passes the job id so every process computes the same slots.
 */
/**
 * Compiled schedules by (expression, zone, seed). Parsing costs ~250 µs, and projections and the scheduler ask again
 * for the same few schedules on every event; a schedule's `nextAfter` is a pure function of its input, so sharing
 * one is safe. Bounded: the cache is emptied when it grows past MAX_COMPILED (many distinct schedules).
 */
const compiled = new Map<string, CronSchedule>();
const MAX_COMPILED = 10_000;

export function compileCronSchedule(expression: string, timeZone = 'UTC', seed?: string): CronSchedule {
  const key = `${expression}\u0000${timeZone}\u0000${seed ?? ''}`;
  const cached = compiled.get(key);
  if (cached) return cached;
  const schedule = compileUncached(expression, timeZone, seed);
  if (compiled.size >= MAX_COMPILED) compiled.clear();
  compiled.set(key, schedule);
  return schedule;
}

function compileUncached(expression: string, timeZone: string, seed?: string): CronSchedule {
  const normalized = normalizeExpression(expression);
  const countProblem = fieldCountProblem(normalized);
  if (countProblem) throw new Error(countProblem);
  if (!isValidTimeZone(timeZone)) throw new Error(`Unknown time zone '${timeZone}'`);
  const hashSeed = seed ?? normalized;
  const wallClock = CronExpressionParser.parse(normalized, { tz: 'UTC', hashSeed, strict: false });
  const everyHour = wallClock.fields.hour.values.length === 24;
  const nextAfter = everyHour
    ? shownClockNext(CronExpressionParser.parse(normalized, { tz: timeZone, hashSeed, strict: false }))
    : wallClockNext(wallClock, timeZone);
  return { expression: normalized, timeZone, nextAfter };
}

/** Returns null when valid, else a human-readable reason. */
export function cronExpressionProblem(expression: string, timeZone = 'UTC'): string | null {
  try {
    const schedule = compileCronSchedule(expression, timeZone);
    schedule.nextAfter(Date.UTC(2000, 0, 1));
    return null;
  } catch (error) {
    const message = (error as Error).message;
    return message.startsWith('Invalid cron expression') || message.startsWith('Unknown time zone')
      ? message
      : `Invalid cron expression '${expression}': ${message}`;
  }
}

/** The next `count` fire times strictly after `after`. */
export function nextCronSlots(expression: string, timeZone: string, after: Date, count: number, seed?: string): Date[] {
  const schedule = compileCronSchedule(expression, timeZone, seed);
  const slots: Date[] = [];
  let cursor = after.getTime();
  while (slots.length < count) {
    const next = schedule.nextAfter(cursor);
    if (next === null) break;
    slots.push(new Date(next));
    cursor = next;
  }
  return slots;
}

function nextOrNull(cron: CronExpression): number | null {
  try {
    return cron.next().getTime();
  } catch (error) {
    if ((error as Error).message.includes('Out of the time span range')) return null;
    throw error;
  }
}

/** Hour-wildcard expressions: match the local clock as shown at each instant (cron-parser's own tz mode). */
function shownClockNext(cron: CronExpression): (after: number) => number | null {
  return (after) => {
    cron.reset(new Date(after));
    return nextOrNull(cron);
  };
}

/** Fixed-hour expressions: iterate wall times, map each to one instant (gap -> end of gap, overlap -> first pass). */
function wallClockNext(cron: CronExpression, timeZone: string): (after: number) => number | null {
  return (after) => {
    cron.reset(new Date(wallTimeAt(after, timeZone)));
    for (let step = 0; step < MAX_STEPS; step++) {
      const wall = nextOrNull(cron);
      if (wall === null) return null;
      const instants = instantsOfWallTime(wall, timeZone);
      const at = instants.length === 0 ? firstInstantAfterGap(wall, timeZone) : instants[0];
      if (at > after) return at;
    }
    throw new Error(`No slot of '${cron.stringify(true)}' found within ${MAX_STEPS} steps after ${new Date(after).toISOString()}`);
  };
}
