import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Every execution of a job with the global position and time of its ExecutionRequested event (issue 8), so the
 * as-of replay finds the executions requested after a snapshot and up to an instant by position and store time,
 * without any assumption about service clocks. Kept by the auditExecutionsProjection.
 */
@Entity({ name: 'audit_executions' })
@Index('audit_executions_job_position_idx', ['job_id', 'position'])
export class AuditExecutionRow {
  @PrimaryColumn({ type: 'text' }) execution_id!: string;
  @Column({ type: 'text' }) job_id!: string;
  /** Decimal global position (numeric, so that SQL orders it as a number). */
  @Column({ type: 'numeric' }) position!: string;
  @Column({ type: 'timestamptz' }) recorded_at!: Date;
}
