import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { AgentSelection, EntityType, ExecutionStatus, PlanningMode, TriggerType } from '@cp/contracts';

/** One row per execution (DESIGN.md §6), kept by the executions projection. */
@Entity({ name: 'executions' })
@Index('executions_job_requested_idx', ['job_id', 'requested_at'])
@Index('executions_org_status_idx', ['organization_id', 'status'])
export class ExecutionRow {
  @PrimaryColumn({ type: 'text' }) id!: string;
  @Column({ type: 'text' }) job_id!: string;
  @Column({ type: 'text' }) organization_id!: string;
  @Column({ type: 'text' }) status!: ExecutionStatus;
  @Column({ type: 'text' }) trigger_type!: TriggerType;
  @Column({ type: 'jsonb' }) trigger_metadata!: Record<string, unknown>;
  @Column({ type: 'jsonb' }) parameters!: Record<string, unknown>;
  @Column({ type: 'int' }) attempt!: number;
  @Column({ type: 'text', nullable: true }) queue!: string | null;
  @Column({ type: 'text', nullable: true }) worker_id!: string | null;
  @Column({ type: 'timestamptz', nullable: true }) scheduled_for!: Date | null;
  @Column({ type: 'timestamptz' }) requested_at!: Date;
  @Column({ type: 'timestamptz', nullable: true }) started_at!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) completed_at!: Date | null;
  @Column({ type: 'int', nullable: true }) duration_ms!: number | null;
  @Column({ type: 'text', nullable: true }) error_message!: string | null;
  @Column({ type: 'text', nullable: true }) output!: string | null;
  @Column({ type: 'text', nullable: true }) workflow_id!: string | null;
  @Column({ type: 'text', nullable: true }) planning_mode!: PlanningMode | null;
  @Column({ type: 'text', nullable: true }) entity_type!: EntityType | null;
  @Column({ type: 'text', nullable: true }) entity_id!: string | null;
  @Column({ type: 'text', nullable: true }) entity_name!: string | null;
  /** The agent this execution runs on (predefined agent, or the one chosen on the fly); drives on_the_fly load. */
  @Column({ type: 'text', nullable: true }) agent_id!: string | null;
  @Column({ type: 'jsonb', nullable: true }) selection!: AgentSelection | null;
  @Column({ type: 'timestamptz', nullable: true }) updated_at!: Date | null;
  /** Revision of the last execution-stream event applied to this row (idempotence). */
  @Column({ type: 'int' }) stream_revision!: number;
}
