import type { MigrationInterface, QueryRunner } from 'typeorm';
import { quotedSchema } from './migration-schema';

/** Creates registry_entries: agents, teams and workflows (issue 4 §1). */
export class CreateRegistry1732560000000 implements MigrationInterface {
  name = 'CreateRegistry1732560000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = quotedSchema(queryRunner);
    await queryRunner.query(`CREATE TABLE IF NOT EXISTS ${s}.registry_entries (
      kind text NOT NULL CHECK (kind IN ('agent', 'team', 'workflow')),
      id text NOT NULL,
      organization_id text NOT NULL,
      name text NOT NULL,
      description text NULL,
      definition jsonb NOT NULL,
      created_by text NULL,
      updated_by text NULL,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      removed_at timestamptz NULL,
      stream_revision int NOT NULL,
      PRIMARY KEY (kind, id))`);
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS registry_entries_org_kind_created_idx ON ${s}.registry_entries (organization_id, kind, created_at DESC)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE IF EXISTS ${quotedSchema(queryRunner)}.registry_entries`);
  }
}
