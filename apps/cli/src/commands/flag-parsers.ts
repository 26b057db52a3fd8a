import { InvalidArgumentError } from 'commander';

const TRUE = new Set(['true', '1', 'yes', 'on']);
const FALSE = new Set(['false', '0', 'no', 'off']);

export function parseBoolean(value: string): boolean {
  const lower = value.toLowerCase();
  if (TRUE.has(lower)) return true;
  if (FALSE.has(lower)) return false;
  throw new InvalidArgumentError(`expected true or false, got "${value}"`);
}

export function parseCount(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError(`expected a whole number >= 0, got "${value}"`);
  return Number(value);
}

export function parsePositiveCount(value: string): number {
  const count = parseCount(value);
  if (count === 0) throw new InvalidArgumentError('expected a whole number >= 1');
  return count;
}

/** `--param key=value`, repeatable; the value keeps any further "=". */
export function collectParam(value: string, previous: Record<string, string> = {}): Record<string, string> {
  const index = value.indexOf('=');
  if (index <= 0) throw new InvalidArgumentError(`expected key=value, got "${value}"`);
  return { ...previous, [value.slice(0, index)]: value.slice(index + 1) };
}
