import { compileCronSchedule, cronExpressionProblem, nextCronSlots } from './cron-schedule';
import { localIsoString } from './time-zone';

/** The next `count` slots after `fromIso`, each as local time with offset, so DST behaviour reads at a glance. */
function slots(expression: string, timeZone: string, fromIso: string, count: number): string[] {
  return nextCronSlots(expression, timeZone, new Date(fromIso), count).map((slot) => localIsoString(slot.getTime(), timeZone));
}

function utcSlots(expression: string, timeZone: string, fromIso: string, count: number): string[] {
  return nextCronSlots(expression, timeZone, new Date(fromIso), count).map((slot) => slot.toISOString());
}

describe('cron slots', () => {
  describe('America/New_York spring forward (2025-03-09 02:00 -> 03:00)', () => {
    const NY = 'America/New_York';
    it('a daily slot inside the gap fires once, at the first valid instant', () =>
      expect(slots('30 2 * * *', NY, '2025-03-07T12:00:00Z', 3)).toEqual(['2025-03-08T02:30:00-05:00', '2025-03-09T03:00:00-04:00', '2025-03-10T02:30:00-04:00']));
    it('several slots inside the gap collapse into one run at the end of the gap', () =>
      expect(slots('*/20 2 * * *', NY, '2025-03-09T00:00:00Z', 4)).toEqual(['2025-03-09T03:00:00-04:00', '2025-03-10T02:00:00-04:00', '2025-03-10T02:20:00-04:00', '2025-03-10T02:40:00-04:00']));
    it('a gap slot and a real 03:00 slot are the same instant and fire once', () =>
      expect(slots('0,30 2,3 * * *', NY, '2025-03-09T05:00:00Z', 3)).toEqual(['2025-03-09T03:00:00-04:00', '2025-03-09T03:30:00-04:00', '2025-03-10T02:00:00-04:00']));
    it('an hourly job follows the shown clock: 01:30, then 03:30 one real hour later', () =>
      expect(slots('30 * * * *', NY, '2025-03-09T06:00:00Z', 3)).toEqual(['2025-03-09T01:30:00-05:00', '2025-03-09T03:30:00-04:00', '2025-03-09T04:30:00-04:00']));
    it('an every-second job loses no real second across the jump', () =>
      expect(utcSlots('* * * * * *', NY, '2025-03-09T06:59:58Z', 3)).toEqual(['2025-03-09T06:59:59.000Z', '2025-03-09T07:00:00.000Z', '2025-03-09T07:00:01.000Z']));
  });

  describe('America/New_York fall back (2025-11-02 02:00 EDT -> 01:00 EST)', () => {
    const NY = 'America/New_York';
    it('a daily slot in the repeated hour fires once, at its first occurrence', () =>
      expect(slots('30 1 * * *', NY, '2025-11-01T12:00:00Z', 2)).toEqual(['2025-11-02T01:30:00-04:00', '2025-11-03T01:30:00-05:00']));
    it('asked from inside the second pass, it does not fire the repeated slot again', () =>
      expect(slots('30 1 * * *', NY, '2025-11-02T06:15:00Z', 1)).toEqual(['2025-11-03T01:30:00-05:00']));
    it('an hourly job runs in both passes of the repeated hour (they are different hours)', () =>
      expect(slots('30 * * * *', NY, '2025-11-02T05:00:00Z', 3)).toEqual(['2025-11-02T01:30:00-04:00', '2025-11-02T01:30:00-05:00', '2025-11-02T02:30:00-05:00']));
    it('an every-20-minutes job resumed inside the second pass continues in real time', () =>
      expect(utcSlots('*/20 * * * *', NY, '2025-11-02T06:10:00Z', 2)).toEqual(['2025-11-02T06:20:00.000Z', '2025-11-02T06:40:00.000Z']));
  });

  describe('Europe/Berlin', () => {
    const BERLIN = 'Europe/Berlin';
    it('spring forward (2025-03-30 02:00 -> 03:00): 02:30 fires once at 03:00', () =>
      expect(slots('30 2 * * *', BERLIN, '2025-03-29T12:00:00Z', 2)).toEqual(['2025-03-30T03:00:00+02:00', '2025-03-31T02:30:00+02:00']));
    it('fall back (2025-10-26 03:00 -> 02:00): 02:30 fires once, in summer time', () =>
      expect(slots('30 2 * * *', BERLIN, '2025-10-25T12:00:00Z', 2)).toEqual(['2025-10-26T02:30:00+02:00', '2025-10-27T02:30:00+01:00']));
    it('fall back, asked from the second pass: the next day', () =>
      expect(slots('30 2 * * *', BERLIN, '2025-10-26T01:10:00Z', 1)).toEqual(['2025-10-27T02:30:00+01:00']));
    it('an hourly 6-field job runs at 02:00 twice on the fall-back day', () =>
      expect(slots('0 0 * * * *', BERLIN, '2025-10-25T23:30:00Z', 4)).toEqual(['2025-10-26T02:00:00+02:00', '2025-10-26T02:00:00+01:00', '2025-10-26T03:00:00+01:00', '2025-10-26T04:00:00+01:00']));
  });

  describe('calendar edges (UTC)', () => {
    it('the 31st skips months without one', () =>
      expect(utcSlots('0 0 31 * *', 'UTC', '2025-01-01T00:00:00Z', 3)).toEqual(['2025-01-31T00:00:00.000Z', '2025-03-31T00:00:00.000Z', '2025-05-31T00:00:00.000Z']));
    it('L is the last day of each month', () =>
      expect(utcSlots('0 0 L * *', 'UTC', '2025-01-15T00:00:00Z', 3)).toEqual(['2025-01-31T00:00:00.000Z', '2025-02-28T00:00:00.000Z', '2025-03-31T00:00:00.000Z']));
    it('Feb 29 only in leap years', () =>
      expect(utcSlots('0 12 29 2 *', 'UTC', '2024-03-01T00:00:00Z', 2)).toEqual(['2028-02-29T12:00:00.000Z', '2032-02-29T12:00:00.000Z']));
    it('the last day of February in a leap year is the 29th', () =>
      expect(utcSlots('0 0 L 2 *', 'UTC', '2027-06-01T00:00:00Z', 2)).toEqual(['2028-02-29T00:00:00.000Z', '2029-02-28T00:00:00.000Z']));
    it('a year end rolls over', () =>
      expect(utcSlots('59 23 31 12 *', 'UTC', '2025-12-31T23:59:00Z', 1)).toEqual(['2026-12-31T23:59:00.000Z']));
  });

  describe('aliases and the seconds field', () => {
    it('@hourly', () => expect(utcSlots('@hourly', 'UTC', '2025-01-01T00:00:00Z', 2)).toEqual(['2025-01-01T01:00:00.000Z', '2025-01-01T02:00:00.000Z']));
    it('@daily in a time zone is local midnight', () => expect(slots('@daily', 'Europe/Berlin', '2025-07-01T12:00:00Z', 1)).toEqual(['2025-07-02T00:00:00+02:00']));
    it('@midnight is @daily', () => expect(utcSlots('@midnight', 'UTC', '2025-01-01T00:00:00Z', 1)).toEqual(['2025-01-02T00:00:00.000Z']));
    it('@weekly is Sunday midnight', () => expect(utcSlots('@weekly', 'UTC', '2025-01-01T00:00:00Z', 1)).toEqual(['2025-01-05T00:00:00.000Z']));
    it('@monthly and @yearly', () => {
      expect(utcSlots('@monthly', 'UTC', '2025-01-15T00:00:00Z', 1)).toEqual(['2025-02-01T00:00:00.000Z']);
      expect(utcSlots('@yearly', 'UTC', '2025-01-15T00:00:00Z', 1)).toEqual(['2026-01-01T00:00:00.000Z']);
    });
    it('6 fields: every 15 seconds', () =>
      expect(utcSlots('*/15 * * * * *', 'UTC', '2025-01-01T00:00:00Z', 3)).toEqual(['2025-01-01T00:00:15.000Z', '2025-01-01T00:00:30.000Z', '2025-01-01T00:00:45.000Z']));
    it('6 fields: every second, strictly after a fractional instant', () =>
      expect(utcSlots('* * * * * *', 'UTC', '2025-01-01T00:00:00.400Z', 2)).toEqual(['2025-01-01T00:00:01.000Z', '2025-01-01T00:00:02.000Z']));
    it('6 fields with a fixed hour in a time zone', () =>
      expect(slots('10 0 9 * * *', 'America/New_York', '2025-06-01T00:00:00Z', 1)).toEqual(['2025-06-01T09:00:10-04:00']));
  });

  describe('hash fields', () => {
    it('H is fixed by the seed, so every process computes the same slots', () => {
      const a = compileCronSchedule('H * * * *', 'UTC', 'job_a').nextAfter(Date.UTC(2025, 0, 1));
      expect(compileCronSchedule('H * * * *', 'UTC', 'job_a').nextAfter(Date.UTC(2025, 0, 1))).toBe(a);
    });
  });

  describe('validation', () => {
    it.each([['0 9 * * *'], ['*/5 * * * * *'], ['@hourly'], ['@midnight'], ['0 0 L * *']])('accepts %s', (expression) => expect(cronExpressionProblem(expression)).toBeNull());
    it.each([['61 * * * *', /Invalid cron expression/], ['* * *', /expected 5 fields/], ['* * * * * * *', /expected 5 fields/], ['@reboot', /Invalid cron expression/], ['0 0 30 2 *', /Invalid cron expression/]])(
      'rejects %s',
      (expression, message) => expect(cronExpressionProblem(expression)).toMatch(message),
    );
    it('rejects an unknown zone', () => expect(cronExpressionProblem('0 9 * * *', 'Mars/Olympus')).toMatch(/Unknown time zone/));
  });
});
