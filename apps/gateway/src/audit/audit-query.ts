import { validationFailed } from '@cp/contracts';
import { parseIntegerQuery } from '../validation/query-params';

export type AuditPageQuery = { fromRevision: number; limit: number; asOf: Date | null };

export const MAX_AUDIT_PAGE = 1000;

const ISO_8601 = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

export function parseAuditPageQuery(query: { from_revision?: unknown; limit?: unknown; as_of?: unknown }): AuditPageQuery {
  return {
    fromRevision: parseIntegerQuery('from_revision', query.from_revision, 0, 0, 2_147_483_647),
    limit: parseIntegerQuery('limit', query.limit, 100, 1, MAX_AUDIT_PAGE),
    asOf: parseAsOf(query.as_of),
  };
}

/**
 * `as_of`: an ISO 8601 date or date-time; without a zone it is UTC (a date alone is its midnight UTC).
 * Returns null when absent; anything else is a 422 in the seed's validation shape.
 */
export function parseAsOf(raw: unknown): Date | null {
  if (raw === undefined || raw === '') return null;
  const text = String(raw).trim();
  const match = ISO_8601.exec(text);
  const parsed = match ? Date.parse(withZone(text, match)) : NaN;
  if (!match || Number.isNaN(parsed) || !isCalendarDate(match)) {
    throw validationFailed([{ loc: ['query', 'as_of'], msg: 'Input should be a valid datetime (ISO 8601, e.g. 2025-01-31T12:00:00Z)', type: 'datetime_parsing' }]);
  }
  return new Date(parsed);
}

function withZone(text: string, match: RegExpExecArray): string {
  const normalized = text.replace(' ', 'T');
  if (match[4] === undefined) return `${normalized}T00:00:00Z`;
  if (match[8] === undefined) return `${normalized}Z`;
  return /[+-]\d{4}$/.test(normalized) ? `${normalized.slice(0, -2)}:${normalized.slice(-2)}` : normalized;
}

/** Date.parse rolls 2025-02-30 over to March; a real calendar date is required. */
function isCalendarDate(match: RegExpExecArray): boolean {
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const probe = new Date(Date.UTC(year, month - 1, day));
  return probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
}
