import { formatDuration, formatElapsed, formatRelative, formatWhen } from './time-format';

const now = new Date('2025-06-01T06:00:00Z');

describe('time formats', () => {
  it.each([
    ['2025-06-01T09:00:00Z', 'in 3 h'],
    ['2025-06-01T05:58:00Z', '2 min ago'],
    ['2025-06-01T05:59:58Z', 'just now'],
    ['2025-06-01T05:59:30Z', '30 s ago'],
    ['2025-05-29T06:00:00Z', '3 d ago'],
  ])('%s is "%s" from now', (iso, text) => expect(formatRelative(iso, now)).toBe(text));

  it('puts the relative time next to the absolute one', () => {
    expect(formatWhen('2025-06-01T09:00:00.000Z', now)).toBe('2025-06-01 09:00:00 UTC (in 3 h)');
    expect(formatWhen(null, now)).toBe('-');
  });

  it.each([
    [850, '850 ms'],
    [12_345, '12.3 s'],
    [125_000, '2 min 5 s'],
    [3_780_000, '1 h 3 min'],
    [null, '-'],
  ])('a duration of %p ms reads "%s"', (ms, text) => expect(formatDuration(ms)).toBe(text));

  it('shows elapsed time as a clock', () => {
    expect([7_000, 765_000, 3_723_000].map(formatElapsed)).toEqual(['0:07', '12:45', '1:02:03']);
  });
});
