import type { QueryRunner } from 'typeorm';

/** The configured read-model schema, quoted for SQL. Migrations take it from the connection, never hard-coded. */
export function quotedSchema(queryRunner: QueryRunner): string {
  const schema = (queryRunner.connection.options as { schema?: string }).schema;
  if (!schema) throw new Error('The read-model DataSource has no schema option; create it with createReadModelDataSource()');
  return quoteIdentifier(schema);
}

export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
