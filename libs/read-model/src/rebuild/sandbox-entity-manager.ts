import { FindOperator, type EntityManager } from 'typeorm';
import { primaryKeyOf, type Row, type TableShape, type EntityClass } from './table-shape';
import type { RowStore } from './row-store';

/**
 * The part of TypeORM's EntityManager the read-model projections use, served from a RowStore, so the very same
 * projection code can replay events in memory (state as of a past time) or at bulk speed (rebuild). Anything else
 * fails loudly with the name of the missing operation instead of doing something subtly different.
 */
export class SandboxEntityManager {
  constructor(
    private readonly store: RowStore,
    private readonly shapes: Map<EntityClass, TableShape>,
  ) {}

  /** The sandbox as the EntityManager a Projection expects. */
  asEntityManager(): EntityManager {
    return this as unknown as EntityManager;
  }

  getRepository(target: EntityClass): unknown {
    return guarded(new SandboxRepository(this.store, this.shape(target)), `repository of ${target.name}`);
  }

  createQueryBuilder(): unknown {
    return guarded(new SandboxInsertBuilder(this.store, (target) => this.shape(target)), 'query builder');
  }

  shape(target: EntityClass): TableShape {
    const shape = this.shapes.get(target);
    if (!shape) throw new Error(`${target.name} is not one of the read-model entities the sandbox knows`);
    return shape;
  }
}

type FindOptions = { where?: Row; lock?: unknown };

class SandboxRepository {
  constructor(
    private readonly store: RowStore,
    private readonly shape: TableShape,
  ) {}

  findOne(options: FindOptions): Promise<Readonly<Row> | null> {
    if (Array.isArray(options.where) || !options.where) throw unsupported(`findOne without a single where object on ${this.shape.table}`);
    return this.findOneBy(options.where);
  }

  async findOneBy(where: Row): Promise<Readonly<Row> | null> {
    assertPlain(where, this.shape);
    const key = primaryKeyOf(this.shape, where);
    const candidates = key ? [await this.store.get(this.shape, key)] : this.store.rows(this.shape);
    return candidates.find((row) => row !== null && matches(row, where)) ?? null;
  }

  async existsBy(where: Row): Promise<boolean> {
    return (await this.findOneBy(where)) !== null;
  }

  exists(options: FindOptions): Promise<boolean> {
    return this.findOne(options).then((row) => row !== null);
  }

  async insert(values: Row | Row[]): Promise<{ identifiers: Row[]; generatedMaps: Row[]; raw: unknown[] }> {
    for (const row of Array.isArray(values) ? values : [values]) await this.store.insert(this.shape, row, false);
    return { identifiers: [], generatedMaps: [], raw: [] };
  }

  async update(criteria: Row | string | number, changes: Row): Promise<{ affected: number; raw: unknown[]; generatedMaps: Row[] }> {
    const where = typeof criteria === 'object' ? criteria : { [this.singlePrimary()]: criteria };
    assertPlain(where, this.shape);
    assertValues(changes, this.shape);
    const key = primaryKeyOf(this.shape, where);
    if (!key || Object.keys(where).length !== this.shape.primary.length) throw unsupported(`update of ${this.shape.table} by anything but its primary key`);
    return { affected: await this.store.update(this.shape, key, changes), raw: [], generatedMaps: [] };
  }

  private singlePrimary(): string {
    if (this.shape.primary.length !== 1) throw unsupported(`update of ${this.shape.table} by a bare id: it has a composite key`);
    return this.shape.primary[0];
  }
}

/** `createQueryBuilder().insert().into(Entity).values(rows).orIgnore().execute()` and nothing more. */
class SandboxInsertBuilder {
  private target: EntityClass | null = null;
  private rows: Row[] = [];
  private ignoreExisting = false;

  constructor(
    private readonly store: RowStore,
    private readonly shapeOf: (target: EntityClass) => TableShape,
  ) {}

  insert(): this {
    return this;
  }

  into(target: EntityClass): this {
    this.target = target;
    return this;
  }

  values(values: Row | Row[]): this {
    this.rows = Array.isArray(values) ? values : [values];
    return this;
  }

  orIgnore(): this {
    this.ignoreExisting = true;
    return this;
  }

  async execute(): Promise<{ identifiers: Row[]; generatedMaps: Row[]; raw: unknown[] }> {
    if (!this.target) throw unsupported('an insert without into(Entity)');
    const shape = this.shapeOf(this.target);
    for (const row of this.rows) {
      assertValues(row, shape);
      await this.store.insert(shape, row, this.ignoreExisting);
    }
    return { identifiers: [], generatedMaps: [], raw: [] };
  }
}

function matches(row: Readonly<Row>, where: Row): boolean {
  return Object.entries(where).every(([column, value]) => sameValue(row[column], value));
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return a === b || (a === null && b === undefined);
}

/** Find operators (IsNull(), In(), ...) and raw SQL functions have no in-memory meaning here. */
function assertPlain(values: Row, shape: TableShape): void {
  for (const [column, value] of Object.entries(values)) {
    if (value instanceof FindOperator || typeof value === 'function') throw unsupported(`${shape.table}.${column} given as a find operator or raw SQL`);
    if (!columnSets(shape).has(column)) throw new Error(`${shape.table} has no column ${column}`);
  }
}

const columnSetCache = new WeakMap<TableShape, Set<string>>();
function columnSets(shape: TableShape): Set<string> {
  let set = columnSetCache.get(shape);
  if (!set) columnSetCache.set(shape, (set = new Set(shape.columns)));
  return set;
}

/** Values to write: a raw SQL function has no in-memory meaning (and would silently become NULL in a flush). */
function assertValues(values: Row, shape: TableShape): void {
  for (const column in values) {
    if (typeof values[column] === 'function') throw unsupported(`${shape.table}.${column} given as raw SQL`);
  }
}

function unsupported(what: string): Error {
  return new Error(`The projection sandbox (in-memory replay and rebuild) does not support ${what}; extend libs/read-model/src/rebuild`);
}

/** Any other method a projection calls fails with a clear message instead of "is not a function". */
function guarded<T extends object>(target: T, label: string): T {
  return new Proxy(target, {
    get(object, property, receiver) {
      if (typeof property === 'symbol' || property in object || property === 'then') return Reflect.get(object, property, receiver);
      throw unsupported(`${label}.${property}()`);
    },
  });
}
