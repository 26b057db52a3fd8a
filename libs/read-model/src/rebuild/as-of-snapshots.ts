import type { DataSource } from 'typeorm';
import { quoteIdentifier } from '../migrations/migration-schema';
import type { Row } from './table-shape';

/**
 * The in-memory read model of one job after the event at `position` (recorded at `recordedAt`): its row and the rows
 * of its executions that had not finished (only those can still change). `jobRevision` is the last job-stream
 * revision included, or -1 before the job existed.
 */
export type AsOfSnapshot = {
  jobId: string;
  position: string;
  jobRevision: number;
  recordedAt: string;
  rows: { jobs: Row[]; executions: Row[] };
};

type SnapshotRow = { position: string; job_revision: number; recorded_at: Date; state: AsOfSnapshot['rows'] };

/** Snapshots of the as-of replay in `<schema>.audit_snapshots` (a cache; see the audit-snapshots migration). */
export class AsOfSnapshotStore {
  private readonly table: string;

  constructor(private readonly dataSource: DataSource) {
    const schema = (dataSource.options as { schema?: string }).schema;
    if (!schema) throw new Error('AsOfSnapshotStore needs a read-model DataSource with a schema');
    this.table = `${quoteIdentifier(schema)}.audit_snapshots`;
  }

  /** The newest snapshot taken at or before `asOf`. */
  async latest(jobId: string, asOf: Date): Promise<AsOfSnapshot | null> {
    const rows = (await this.dataSource.query(
      `SELECT position, job_revision, recorded_at, state FROM ${this.table}
        WHERE job_id = $1 AND recorded_at <= $2 ORDER BY recorded_at DESC, length(position) DESC, position DESC LIMIT 1`,
      [jobId, asOf],
    )) as SnapshotRow[];
    const row = rows[0];
    return row ? { jobId, position: row.position, jobRevision: row.job_revision, recordedAt: row.recorded_at.toISOString(), rows: row.state } : null;
  }

  async save(snapshots: AsOfSnapshot[]): Promise<void> {
    if (snapshots.length === 0) return;
    await this.dataSource.query(
      `INSERT INTO ${this.table} (job_id, position, job_revision, recorded_at, state)
       SELECT s.job_id, s.position, s.job_revision, s.recorded_at, s.state
         FROM jsonb_to_recordset($1::jsonb) AS s(job_id text, position text, job_revision int, recorded_at timestamptz, state jsonb)
       ON CONFLICT (job_id, position) DO NOTHING`,
      [JSON.stringify(snapshots.map((s) => ({ job_id: s.jobId, position: s.position, job_revision: s.jobRevision, recorded_at: s.recordedAt, state: s.rows })))],
    );
  }

  async clear(jobId?: string): Promise<void> {
    if (jobId === undefined) await this.dataSource.query(`DELETE FROM ${this.table}`);
    else await this.dataSource.query(`DELETE FROM ${this.table} WHERE job_id = $1`, [jobId]);
  }
}
