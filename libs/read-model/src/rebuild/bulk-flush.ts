import { quoteIdentifier } from '../migrations/migration-schema';
import type { PendingRows, RowStore } from './row-store';
import type { Row, TableShape } from './table-shape';

/** Runs one SQL statement (TypeORM's `manager.query` / `queryRunner.query`). */
export type SqlRunner = (sql: string, parameters?: unknown[]) => Promise<unknown>;

const CHUNK = 2000;

/**
 * Writes rows taken from a write-behind RowStore to the tables of `schema`: changed rows as upserts, insert-or-ignore
 * rows with ON CONFLICT DO NOTHING. One statement per table and chunk, rows passed as one JSON array.
 * Returns the number of rows written. Call inside the transaction that should contain them.
 */
export async function writePending(pending: PendingRows, schema: string, run: SqlRunner): Promise<number> {
  let written = 0;
  for (const [shape, rows] of pending.upserts) written += await writeRows(run, schema, shape, rows, true);
  for (const [shape, rows] of pending.appends) written += await writeRows(run, schema, shape, rows, false);
  return written;
}

/** Takes every change, writes it and marks it flushed, for a caller that commits before the store is used again. */
export async function flushRowStore(store: RowStore, schema: string, run: SqlRunner): Promise<number> {
  const pending = store.takePending(true);
  const written = await writePending(pending, schema, run);
  store.markFlushed(pending);
  return written;
}

async function writeRows(run: SqlRunner, schema: string, shape: TableShape, rows: readonly Readonly<Row>[], upsert: boolean): Promise<number> {
  const sql = insertSql(schema, shape, upsert);
  for (let start = 0; start < rows.length; start += CHUNK) {
    await run(sql, [JSON.stringify(rows.slice(start, start + CHUNK))]);
  }
  return rows.length;
}

function insertSql(schema: string, shape: TableShape, upsert: boolean): string {
  const table = `${quoteIdentifier(schema)}.${quoteIdentifier(shape.table)}`;
  const columns = shape.columns.map(quoteIdentifier).join(', ');
  const others = shape.columns.filter((c) => !shape.primary.includes(c));
  const conflict = upsert && others.length > 0
    ? `ON CONFLICT (${shape.primary.map(quoteIdentifier).join(', ')}) DO UPDATE SET ${others.map((c) => `${quoteIdentifier(c)} = EXCLUDED.${quoteIdentifier(c)}`).join(', ')}`
    : 'ON CONFLICT DO NOTHING';
  return `INSERT INTO ${table} (${columns}) SELECT ${columns} FROM jsonb_populate_recordset(NULL::${table}, $1::jsonb) ${conflict}`;
}

/** Loads one row by primary key: the RowStore's loader. `lock`: FOR UPDATE (inside the caller's transaction). */
export function rowLoader(schema: string, run: () => SqlRunner, options: { lock?: boolean } = {}) {
  return async (shape: TableShape, key: Row): Promise<Row | null> => {
    const where = shape.primary.map((c, i) => `${quoteIdentifier(c)} = $${i + 1}`).join(' AND ');
    const rows = (await run()(`${selectFrom(schema, shape)} WHERE ${where}${options.lock ? ' FOR UPDATE' : ''}`, shape.primary.map((c) => key[c]))) as Row[];
    return rows[0] ?? null;
  };
}

/**
 * The rows of a table with a single-column primary key among `ids`, locked FOR UPDATE in key order (so two
 * transactions locking overlapping sets wait for each other instead of deadlocking).
 */
export async function lockRowsById(run: SqlRunner, schema: string, shape: TableShape, ids: readonly string[]): Promise<Row[]> {
  if (shape.primary.length !== 1) throw new Error(`${shape.table} has a composite primary key; lockRowsById needs a single-column one`);
  if (ids.length === 0) return [];
  const id = quoteIdentifier(shape.primary[0]);
  return (await run(`${selectFrom(schema, shape)} WHERE ${id} = ANY($1) ORDER BY ${id} FOR UPDATE`, [ids])) as Row[];
}

function selectFrom(schema: string, shape: TableShape): string {
  return `SELECT ${shape.columns.map(quoteIdentifier).join(', ')} FROM ${quoteIdentifier(schema)}.${quoteIdentifier(shape.table)}`;
}
