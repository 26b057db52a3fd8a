/**
 * Wall-clock arithmetic for IANA time zones with Intl only. A "wall time" is a local date and time encoded as
 * milliseconds as if it were UTC (naive); an "instant" is real epoch milliseconds.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
const DAY_MS = 86_400_000;

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The local wall time shown at `instant` (milliseconds kept). */
export function wallTimeAt(instant: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(instant))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const wholeSeconds = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return wholeSeconds + (((instant % 1000) + 1000) % 1000);
}

/** UTC offset in milliseconds at `instant` (local = instant + offset). */
export function offsetAt(instant: number, timeZone: string): number {
  return wallTimeAt(instant, timeZone) - instant;
}

/** Every instant that shows `wall`: none in a daylight-saving gap, two in an overlap, ascending. */
export function instantsOfWallTime(wall: number, timeZone: string): number[] {
  const offsets = new Set([offsetAt(wall - DAY_MS, timeZone), offsetAt(wall, timeZone), offsetAt(wall + DAY_MS, timeZone)]);
  const instants = new Set<number>();
  for (const offset of offsets) {
    const candidate = wall - offset;
    if (offsetAt(candidate, timeZone) === offset) instants.add(candidate);
  }
  return [...instants].sort((a, b) => a - b);
}

/**
 * For a wall time inside a gap: the first instant after the gap (the transition itself, e.g. 03:00 local when
 * clocks jump from 02:00 to 03:00). Found by bisection between the two offsets around the gap.
 */
export function firstInstantAfterGap(wall: number, timeZone: string): number {
  const before = offsetAt(wall - DAY_MS, timeZone);
  const after = offsetAt(wall + DAY_MS, timeZone);
  let low = wall - Math.max(before, after);
  let high = wall - Math.min(before, after);
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (wallTimeAt(middle, timeZone) >= wall) high = middle;
    else low = middle;
  }
  return high;
}

/** `2025-03-09T03:00:00-04:00`: the instant as local time with its offset (for previews). */
export function localIsoString(instant: number, timeZone: string): string {
  const offsetMinutes = Math.round(offsetAt(instant, timeZone) / 60_000);
  const local = new Date(instant + offsetMinutes * 60_000).toISOString().slice(0, 19);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
