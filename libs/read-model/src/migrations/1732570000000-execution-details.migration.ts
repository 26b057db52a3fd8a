import type { MigrationInterface, QueryRunner } from 'typeorm';
import { quotedSchema } from './migration-schema';

/**
 * Issue 4: what the executions API and the executor need beyond the first migration: what ran (workflow id,
 * entity, the agent chosen on the fly), when the row last changed, and indexes for the organization-wide list,
 * the non-terminal scan of the executor and the per-agent load of on_the_fly planning.
 */
export class ExecutionDetails1732570000000 implements MigrationInterface {
  name = 'ExecutionDetails1732570000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = quotedSchema(queryRunner);
    await queryRunner.query(`ALTER TABLE ${s}.executions
      ADD COLUMN IF NOT EXISTS workflow_id text NULL,
      ADD COLUMN IF NOT EXISTS planning_mode text NULL,
      ADD COLUMN IF NOT EXISTS entity_type text NULL,
      ADD COLUMN IF NOT EXISTS entity_id text NULL,
      ADD COLUMN IF NOT EXISTS entity_name text NULL,
      ADD COLUMN IF NOT EXISTS agent_id text NULL,
      ADD COLUMN IF NOT EXISTS selection jsonb NULL,
      ADD COLUMN IF NOT EXISTS updated_at timestamptz NULL`);
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS executions_org_requested_idx ON ${s}.executions (organization_id, requested_at DESC)`);
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS executions_active_idx ON ${s}.executions (status)
      WHERE status IN ('pending', 'queued', 'running', 'retrying')`);
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS executions_agent_active_idx ON ${s}.executions (agent_id)
      WHERE status IN ('queued', 'running')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = quotedSchema(queryRunner);
    for (const index of ['executions_org_requested_idx', 'executions_active_idx', 'executions_agent_active_idx']) {
      await queryRunner.query(`DROP INDEX IF EXISTS ${s}.${index}`);
    }
    await queryRunner.query(`ALTER TABLE ${s}.executions
      DROP COLUMN IF EXISTS workflow_id, DROP COLUMN IF EXISTS planning_mode, DROP COLUMN IF EXISTS entity_type,
      DROP COLUMN IF EXISTS entity_id, DROP COLUMN IF EXISTS entity_name, DROP COLUMN IF EXISTS agent_id,
      DROP COLUMN IF EXISTS selection, DROP COLUMN IF EXISTS updated_at`);
  }
}
