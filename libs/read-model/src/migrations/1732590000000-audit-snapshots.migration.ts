import type { MigrationInterface, QueryRunner } from 'typeorm';
import { quotedSchema } from './migration-schema';

/**
 * Issue 8: snapshots of the as-of replay of a job (its row and its unfinished executions after a given event), so
 * `GET /api/v1/jobs/{id}?as_of=` replays at most a few hundred events. A cache: deleting rows only costs time, and
 * a read-model rebuild clears the table.
 */
export class AuditSnapshots1732590000000 implements MigrationInterface {
  name = 'AuditSnapshots1732590000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = quotedSchema(queryRunner);
    await queryRunner.query(`CREATE TABLE IF NOT EXISTS ${s}.audit_snapshots (
      job_id text NOT NULL,
      position text NOT NULL,
      job_revision int NOT NULL,
      recorded_at timestamptz NOT NULL,
      state jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (job_id, position))`);
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS audit_snapshots_job_recorded_idx ON ${s}.audit_snapshots (job_id, recorded_at DESC)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE IF EXISTS ${quotedSchema(queryRunner)}.audit_snapshots`);
  }
}
