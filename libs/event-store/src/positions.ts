/** Positions of both adapters are non-negative decimal integers (PostgreSQL global position, EventStoreDB commit position). */
const DECIMAL = /^(0|[1-9][0-9]*)$/;

export function parsePosition(position: string): bigint {
  if (!DECIMAL.test(position)) throw new RangeError(`Invalid event store position "${position}": expected a non-negative decimal integer`);
  return BigInt(position);
}

export function compareDecimalPositions(a: string, b: string): number {
  const x = parsePosition(a);
  const y = parsePosition(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
