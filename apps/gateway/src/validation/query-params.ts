import { validationFailed, type ValidationIssue } from '@cp/contracts';

const TRUE = new Set(['true', '1', 'yes', 'on', 't', 'y']);
const FALSE = new Set(['false', '0', 'no', 'off', 'f', 'n']);

/** Booleans in any case, as pydantic parses them: the Python SDK sends `enabled=True`. */
export function parseBooleanQuery(name: string, raw: unknown): boolean | undefined {
  if (raw === undefined || raw === '') return undefined;
  const value = String(raw).toLowerCase();
  if (TRUE.has(value)) return true;
  if (FALSE.has(value)) return false;
  throw validationFailed([{ loc: ['query', name], msg: 'Input should be a valid boolean, unable to interpret input', type: 'bool_parsing' }]);
}

export function parseEnumQuery<T extends string>(name: string, raw: unknown, allowed: readonly T[]): T | undefined {
  if (raw === undefined || raw === '') return undefined;
  if ((allowed as readonly string[]).includes(String(raw))) return String(raw) as T;
  throw validationFailed([{ loc: ['query', name], msg: `Input should be ${allowed.map((a) => `'${a}'`).join(', ')}`, type: 'literal_error' }]);
}

export function parseIntegerQuery(name: string, raw: unknown, def: number, min: number, max: number): number {
  if (raw === undefined || raw === '') return def;
  const value = Number(raw);
  const issues: ValidationIssue[] = [];
  if (!Number.isInteger(value)) issues.push({ loc: ['query', name], msg: 'Input should be a valid integer, unable to parse string as an integer', type: 'int_parsing' });
  else if (value < min) issues.push({ loc: ['query', name], msg: `Input should be greater than or equal to ${min}`, type: 'greater_than_equal' });
  else if (value > max) issues.push({ loc: ['query', name], msg: `Input should be less than or equal to ${max}`, type: 'less_than_equal' });
  if (issues.length > 0) throw validationFailed(issues);
  return value;
}
