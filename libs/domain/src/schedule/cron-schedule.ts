import { CronExpressionParser } from 'cron-parser';

/** One cron parser for validation and for the scheduler (issue: keep one parser for both). */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** Returns null when valid, else a human-readable reason. */
export function cronExpressionProblem(expression: string, timeZone = 'UTC'): string | null {
  const fields = expression.trim().split(/\s+/);
  if (!expression.trim().startsWith('@') && (fields.length < 5 || fields.length > 6)) {
    return `Invalid cron expression '${expression}': expected 5 fields (minute hour day month weekday) or 6 with seconds`;
  }
  try {
    CronExpressionParser.parse(expression, { tz: timeZone, strict: false }).next();
    return null;
  } catch (error) {
    return `Invalid cron expression '${expression}': ${(error as Error).message}`;
  }
}

/** The next `count` fire times strictly after `after`, in UTC ISO form. */
export function nextCronSlots(expression: string, timeZone: string, after: Date, count: number): Date[] {
  const cron = CronExpressionParser.parse(expression, { tz: timeZone, currentDate: after });
  const slots: Date[] = [];
  for (let i = 0; i < count && cron.hasNext(); i++) slots.push(cron.next().toDate());
  return slots;
}
