import { KeyFilter } from './key-filter';
import { keyString, type Row, type TableShape } from './table-shape';

/** Reads one row of a backing table by primary key (write-behind mode). */
export type RowLoader = (shape: TableShape, key: Row) => Promise<Row | null>;

export type RowStoreOptions = {
  /**
   * Write-behind mode: the backing tables started empty and only this store writes them, so a key never written
   * is known to be absent without a query, and a written key that was evicted is loaded again with `loader`.
   */
  loader?: RowLoader;
  /**
   * With a loader: the backing tables also hold rows this store never wrote (the live read model, one store per
   * batch of events). Any key not in memory is loaded with `loader`, except the keys `preload` found absent.
   */
  sharedTables?: boolean;
  /** Clean rows kept in memory in write-behind mode; the least recently used ones go first (default 50,000). */
  maxCachedRows?: number;
};

/**
 * Rows are frozen: readers get the stored object itself (no copy), and a projection that mutated it would throw.
 * `committed`: this exact row is in the table, so the entry may be evicted.
 */
type Entry = { shape: TableShape; row: Readonly<Row>; committed: boolean };

export type PendingRows = {
  upserts: Map<TableShape, Readonly<Row>[]>;
  appends: Map<TableShape, Row[]>;
  written: Map<string, Readonly<Row>>;
};

/**
 * Rows of read-model tables held in memory, keyed by primary key. Pure mode (no loader) is a complete in-memory
 * read model, e.g. to rebuild one job as of a past time. Write-behind mode caches and buffers rows of a rebuild,
 * so projections run at memory speed and rows reach PostgreSQL in bulk; memory stays bounded by the cache size,
 * the pending appends of one batch and about 10 bits per written row (KeyFilter). Shared-tables mode is the unit of
 * work of one projector batch over the live tables: rows preloaded in bulk, read through otherwise, written at the end.
 */
export class RowStore {
  private readonly entries = new Map<string, Entry>();
  private readonly dirty = new Set<string>();
  private readonly written = new KeyFilter();
  private readonly appended = new Map<TableShape, Row[]>();
  /** Shared tables: keys known to have no row (preloaded or loaded as absent, not inserted since). */
  private readonly absent = new Set<string>();

  constructor(private readonly options: RowStoreOptions = {}) {}

  get writeBehind(): boolean {
    return this.options.loader !== undefined;
  }

  async get(shape: TableShape, key: Row): Promise<Readonly<Row> | null> {
    if (this.appended.has(shape)) throw new Error(`${shape.table} is written with insert-or-ignore in this rebuild; reading it back is not supported`);
    const id = keyString(shape, key);
    const entry = this.entries.get(id);
    if (entry) {
      this.touch(id, entry);
      return entry.row;
    }
    if (!this.options.loader || this.absent.has(id)) return null;
    if (!this.options.sharedTables && !this.written.mightContain(id)) return null;
    const loaded = await this.options.loader(shape, key);
    if (!loaded) {
      if (this.options.sharedTables) this.absent.add(id);
      return null;
    }
    const row = Object.freeze(loaded);
    this.entries.set(id, { shape, row, committed: true });
    return row;
  }

  /** INSERT: a row whose key exists fails like a unique violation; with `ignoreExisting` it is skipped. */
  async insert(shape: TableShape, row: Row, ignoreExisting: boolean): Promise<void> {
    const full = completeRow(shape, row);
    if (ignoreExisting && this.writeBehind) {
      const buffer = this.appended.get(shape);
      if (buffer) buffer.push(full);
      else this.appended.set(shape, [full]);
      return;
    }
    if ((await this.get(shape, full)) !== null) {
      if (ignoreExisting) return;
      throw new Error(`duplicate key value violates the primary key of ${shape.table}: ${keyString(shape, full)}`);
    }
    const id = keyString(shape, full);
    this.entries.set(id, { shape, row: Object.freeze(full), committed: false });
    this.dirty.add(id);
    this.absent.delete(id);
    if (this.writeBehind && !this.options.sharedTables) this.written.add(id);
  }

  /**
   * Shared tables: the rows the caller has just read (and locked) for `keys`, so that the projections find them
   * without a query; a key without a row is known to be absent. Rows already in memory are kept as they are.
   */
  preload(shape: TableShape, keys: readonly Row[], rows: readonly Row[]): void {
    if (!this.options.sharedTables) throw new Error('Preloading rows is only for a store over shared tables');
    for (const key of keys) {
      const id = keyString(shape, key);
      if (!this.entries.has(id)) this.absent.add(id);
    }
    for (const row of rows) {
      const id = keyString(shape, row);
      this.absent.delete(id);
      if (!this.entries.has(id)) this.entries.set(id, { shape, row: Object.freeze(completeRow(shape, row)), committed: true });
    }
  }

  /** UPDATE ... WHERE <primary key>: returns the number of rows changed (0 or 1). */
  async update(shape: TableShape, key: Row, changes: Row): Promise<number> {
    const current = await this.get(shape, key);
    if (!current) return 0;
    for (const column of shape.primary) {
      if (column in changes && changes[column] !== current[column]) throw new Error(`Changing the primary key of a ${shape.table} row is not supported in the projection sandbox`);
    }
    const id = keyString(shape, key);
    this.entries.set(id, { shape, row: Object.freeze({ ...current, ...changes }), committed: false });
    this.dirty.add(id);
    return 1;
  }

  /** Every row of a table (pure mode only: a rebuild never scans). */
  rows(shape: TableShape): Readonly<Row>[] {
    if (this.writeBehind) throw new Error(`Scanning ${shape.table} is not supported over database tables (rebuild, projector batch); look rows up by primary key`);
    return [...this.entries.values()].filter((e) => e.shape === shape).map((e) => e.row);
  }

  /** Puts a row as it was at a snapshot (pure mode): not dirty, replaces any row with the same key. */
  restore(shape: TableShape, row: Row): void {
    if (this.writeBehind) throw new Error('Restoring snapshot rows is only for in-memory replays');
    this.entries.set(keyString(shape, row), { shape, row: Object.freeze(completeRow(shape, row)), committed: true });
  }

  /**
   * Takes rows to write: with `everything`, every changed row; otherwise only the changed rows among the least
   * recently used ones beyond the cache size, which are about to be evicted. So a hot row (a job whose executions
   * keep changing its counters) is written once, not after every batch. Insert-or-ignore rows are always taken.
   * Apply may go on while these are written; call `markFlushed` once they are committed.
   */
  takePending(everything: boolean): PendingRows {
    const upserts = new Map<TableShape, Readonly<Row>[]>();
    const written = new Map<string, Readonly<Row>>();
    for (const id of everything ? [...this.dirty] : this.oldestBeyondCache()) {
      if (!this.dirty.delete(id)) continue;
      const entry = this.entries.get(id) as Entry;
      written.set(id, entry.row);
      const rows = upserts.get(entry.shape);
      if (rows) rows.push(entry.row);
      else upserts.set(entry.shape, [entry.row]);
    }
    const appends = new Map(this.appended);
    this.appended.clear();
    return { upserts, appends, written };
  }

  private oldestBeyondCache(): string[] {
    const excess = this.entries.size - (this.options.maxCachedRows ?? 50_000);
    const ids: string[] = [];
    for (const id of this.entries.keys()) {
      if (ids.length >= excess) break;
      ids.push(id);
    }
    return ids;
  }

  /**
   * After the pending rows are committed: they may be evicted now (a reload finds them in the table), oldest
   * first, down to the cache size. Rows changed again meanwhile are dirty and stay.
   */
  markFlushed(pending: PendingRows): void {
    for (const [id, row] of pending.written) {
      const entry = this.entries.get(id);
      if (entry && entry.row === row) entry.committed = true;
    }
    const max = this.options.maxCachedRows ?? 50_000;
    if (!this.writeBehind || this.entries.size <= max) return;
    for (const [id, entry] of this.entries) {
      if (this.entries.size <= max) break;
      if (entry.committed && !this.dirty.has(id)) this.entries.delete(id);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  /** Least recently used first: a row read again moves to the end of the map's order. */
  private touch(id: string, entry: Entry): void {
    if (!this.writeBehind) return;
    this.entries.delete(id);
    this.entries.set(id, entry);
  }
}

/** Columns a projection leaves out are NULL, as they would be in an INSERT that omits them without a default. */
function completeRow(shape: TableShape, row: Row): Row {
  const full: Row = {};
  for (const column of shape.columns) full[column] = row[column] === undefined ? null : row[column];
  return full;
}
