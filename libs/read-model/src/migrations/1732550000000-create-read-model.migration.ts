import type { MigrationInterface, QueryRunner } from 'typeorm';
import { quotedSchema } from './migration-schema';

/** Creates jobs, executions, execution_logs and projection_checkpoints in the configured schema. */
export class CreateReadModel1732550000000 implements MigrationInterface {
  name = 'CreateReadModel1732550000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = quotedSchema(queryRunner);
    await queryRunner.query(jobsTable(s));
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS jobs_org_created_idx ON ${s}.jobs (organization_id, created_at DESC)`);
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS jobs_org_trigger_idx ON ${s}.jobs (organization_id, trigger_type)`);
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS jobs_org_enabled_idx ON ${s}.jobs (organization_id, enabled)`);
    await queryRunner.query(executionsTable(s));
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS executions_job_requested_idx ON ${s}.executions (job_id, requested_at DESC)`);
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS executions_org_status_idx ON ${s}.executions (organization_id, status)`);
    await queryRunner.query(`CREATE TABLE IF NOT EXISTS ${s}.execution_logs (
      execution_id text NOT NULL,
      seq int NOT NULL,
      stream text NOT NULL CHECK (stream IN ('stdout', 'stderr', 'system')),
      line text NOT NULL,
      at timestamptz NOT NULL,
      PRIMARY KEY (execution_id, seq))`);
    await queryRunner.query(`CREATE TABLE IF NOT EXISTS ${s}.projection_checkpoints (
      name text PRIMARY KEY,
      position text NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now())`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = quotedSchema(queryRunner);
    for (const table of ['projection_checkpoints', 'execution_logs', 'executions', 'jobs']) {
      await queryRunner.query(`DROP TABLE IF EXISTS ${s}.${table}`);
    }
  }
}

function jobsTable(s: string): string {
  return `CREATE TABLE IF NOT EXISTS ${s}.jobs (
    id text PRIMARY KEY,
    organization_id text NOT NULL,
    name text NOT NULL,
    description text NULL,
    enabled boolean NOT NULL,
    status text NOT NULL,
    trigger_type text NOT NULL,
    cron_schedule text NULL,
    cron_timezone text NULL,
    planning_mode text NOT NULL,
    entity_type text NULL,
    entity_id text NULL,
    entity_name text NULL,
    prompt_template text NOT NULL,
    system_prompt text NULL,
    executor_type text NOT NULL,
    worker_queue_name text NULL,
    environment_name text NULL,
    config jsonb NOT NULL DEFAULT '{}'::jsonb,
    execution_environment jsonb NULL,
    last_execution_id text NULL,
    last_execution_at timestamptz NULL,
    next_execution_at timestamptz NULL,
    total_executions int NOT NULL DEFAULT 0,
    successful_executions int NOT NULL DEFAULT 0,
    failed_executions int NOT NULL DEFAULT 0,
    execution_history jsonb NOT NULL DEFAULT '[]'::jsonb,
    created_by text NULL,
    updated_by text NULL,
    created_by_email text NULL,
    updated_by_email text NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    last_triggered_at timestamptz NULL,
    deleted_at timestamptz NULL,
    webhook_token text NULL UNIQUE,
    webhook_secret_encrypted text NULL,
    previous_webhook_secret_encrypted text NULL,
    previous_webhook_secret_valid_until timestamptz NULL,
    stream_revision int NOT NULL)`;
}

function executionsTable(s: string): string {
  return `CREATE TABLE IF NOT EXISTS ${s}.executions (
    id text PRIMARY KEY,
    job_id text NOT NULL,
    organization_id text NOT NULL,
    status text NOT NULL,
    trigger_type text NOT NULL CHECK (trigger_type IN ('manual', 'cron', 'webhook')),
    trigger_metadata jsonb NOT NULL DEFAULT '{}'::jsonb,
    parameters jsonb NOT NULL DEFAULT '{}'::jsonb,
    attempt int NOT NULL DEFAULT 1,
    queue text NULL,
    worker_id text NULL,
    scheduled_for timestamptz NULL,
    requested_at timestamptz NOT NULL,
    started_at timestamptz NULL,
    completed_at timestamptz NULL,
    duration_ms int NULL,
    error_message text NULL,
    output text NULL,
    stream_revision int NOT NULL)`;
}
