import { getMetadataArgsStorage } from 'typeorm';

/** A TypeORM entity class (the read-model row classes). */
export type EntityClass = abstract new (...args: never[]) => object;

/** What the projection sandbox needs to know about a read-model table: its name, columns and primary key. */
export type TableShape = {
  target: EntityClass;
  table: string;
  columns: string[];
  primary: string[];
  /** timestamptz columns: Date in a row, ISO text in JSON. */
  dateColumns: string[];
};

export type Row = Record<string, unknown>;

/**
 * Shapes of the given entities, read from TypeORM's decorator metadata (no connection needed). The read-model
 * entities name every property after its column; an entity that does not is refused rather than mapped wrongly.
 */
export function tableShapes(entities: readonly EntityClass[]): Map<EntityClass, TableShape> {
  const storage = getMetadataArgsStorage();
  const shapes = new Map<EntityClass, TableShape>();
  for (const target of entities) {
    const table = storage.tables.find((t) => t.target === target);
    if (!table?.name) throw new Error(`${target.name} is not a TypeORM entity with an explicit table name`);
    const columns = storage.columns.filter((c) => c.target === target);
    const renamed = columns.find((c) => c.options.name !== undefined && c.options.name !== c.propertyName);
    if (renamed) throw new Error(`${target.name}.${renamed.propertyName} is stored as "${renamed.options.name}": the projection sandbox needs property = column`);
    const primary = columns.filter((c) => c.options.primary).map((c) => c.propertyName);
    if (primary.length === 0) throw new Error(`${target.name} has no primary key`);
    const dateColumns = columns.filter((c) => c.options.type === 'timestamptz').map((c) => c.propertyName);
    shapes.set(target, { target, table: table.name, columns: columns.map((c) => c.propertyName), primary, dateColumns });
  }
  return shapes;
}

/** The primary-key values of `where` when it names exactly the key (plus optional other equalities), else null. */
export function primaryKeyOf(shape: TableShape, where: Row): Row | null {
  const key: Row = {};
  for (const column of shape.primary) {
    if (!(column in where)) return null;
    key[column] = where[column];
  }
  return key;
}

export function keyString(shape: TableShape, row: Row): string {
  if (shape.primary.length === 1) return `${shape.table}\u0000${String(normalizeKeyValue(row[shape.primary[0]]))}`;
  return `${shape.table}\u0000${JSON.stringify(shape.primary.map((column) => normalizeKeyValue(row[column])))}`;
}

/** A row read back from JSON (a snapshot): timestamptz columns as Date again. */
export function reviveRow(shape: TableShape, row: Row): Row {
  const revived = { ...row };
  for (const column of shape.dateColumns) {
    const value = revived[column];
    if (typeof value === 'string') revived[column] = new Date(value);
  }
  return revived;
}

const normalizeKeyValue = (value: unknown): unknown => (value instanceof Date ? value.toISOString() : value);
