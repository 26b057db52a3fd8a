import type { MigrationInterface, QueryRunner } from 'typeorm';
import { quotedSchema } from './migration-schema';

/**
 * Issue 8: `audit_executions`, a job's executions by the position and store time of their request, for the as-of
 * replay. Filled from the events (run `npm run rebuild` once to fill it for executions requested before it existed).
 */
export class AuditExecutions1732590000001 implements MigrationInterface {
  name = 'AuditExecutions1732590000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = quotedSchema(queryRunner);
    await queryRunner.query(`CREATE TABLE IF NOT EXISTS ${s}.audit_executions (
      execution_id text PRIMARY KEY,
      job_id text NOT NULL,
      position numeric NOT NULL,
      recorded_at timestamptz NOT NULL)`);
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS audit_executions_job_position_idx ON ${s}.audit_executions (job_id, position)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE IF EXISTS ${quotedSchema(queryRunner)}.audit_executions`);
  }
}
