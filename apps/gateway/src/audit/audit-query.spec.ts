import { DomainFailure } from '@cp/contracts';
import { parseAsOf, parseAuditPageQuery } from './audit-query';

function failure(run: () => unknown): DomainFailure {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainFailure) return error;
    throw error;
  }
  throw new Error('expected a DomainFailure');
}

describe('audit query parameters', () => {
  it('defaults to the first page of 100 events, now', () => {
    expect(parseAuditPageQuery({})).toEqual({ fromRevision: 0, limit: 100, asOf: null });
  });

  it.each([
    ['2025-03-01T12:30:00Z', '2025-03-01T12:30:00.000Z'],
    ['2025-03-01T12:30:00.123456+02:00', '2025-03-01T10:30:00.123Z'],
    ['2025-03-01T12:30:00+0200', '2025-03-01T10:30:00.000Z'],
    ['2025-03-01T12:30', '2025-03-01T12:30:00.000Z'],
    ['2025-03-01 12:30:05', '2025-03-01T12:30:05.000Z'],
    ['2025-03-01', '2025-03-01T00:00:00.000Z'],
  ])('reads as_of %s as %s (UTC when no zone is given)', (raw, iso) => {
    expect(parseAsOf(raw)?.toISOString()).toBe(iso);
  });

  it.each([['yesterday'], ['2025-02-30T00:00:00Z'], ['2025-13-01'], ['1700000000'], ['2025-03-01T25:00:00Z']])('answers 422 for as_of %p', (raw) => {
    const error = failure(() => parseAsOf(raw));
    expect(error.error).toEqual({ code: 'validation', detail: [{ loc: ['query', 'as_of'], msg: expect.stringContaining('valid datetime'), type: 'datetime_parsing' }] });
  });

  it('answers 422 for a negative from_revision or a limit above 1000', () => {
    expect(failure(() => parseAuditPageQuery({ from_revision: '-1' })).error.code).toBe('validation');
    expect(failure(() => parseAuditPageQuery({ limit: '1001' })).error.code).toBe('validation');
  });
});
