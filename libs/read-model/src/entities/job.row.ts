import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { EntityType, ExecutionEnvironment, ExecutorType, JobStatus, PlanningMode, TriggerType } from '@cp/contracts';

/**
 * One row per job (DESIGN.md §6): every field of the seed's JobResponse that is not derived at read time,
 * plus bookkeeping. The webhook secret is only kept encrypted; the API shows it once, at creation.
 */
@Entity({ name: 'jobs' })
@Index('jobs_org_created_idx', ['organization_id', 'created_at'])
@Index('jobs_org_trigger_idx', ['organization_id', 'trigger_type'])
@Index('jobs_org_enabled_idx', ['organization_id', 'enabled'])
export class JobRow {
  @PrimaryColumn({ type: 'text' }) id!: string;
  @Column({ type: 'text' }) organization_id!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text', nullable: true }) description!: string | null;
  @Column({ type: 'boolean' }) enabled!: boolean;
  @Column({ type: 'text' }) status!: JobStatus;
  @Column({ type: 'text' }) trigger_type!: TriggerType;
  @Column({ type: 'text', nullable: true }) cron_schedule!: string | null;
  @Column({ type: 'text', nullable: true }) cron_timezone!: string | null;
  @Column({ type: 'text' }) planning_mode!: PlanningMode;
  @Column({ type: 'text', nullable: true }) entity_type!: EntityType | null;
  @Column({ type: 'text', nullable: true }) entity_id!: string | null;
  @Column({ type: 'text', nullable: true }) entity_name!: string | null;
  @Column({ type: 'text' }) prompt_template!: string;
  @Column({ type: 'text', nullable: true }) system_prompt!: string | null;
  @Column({ type: 'text' }) executor_type!: ExecutorType;
  @Column({ type: 'text', nullable: true }) worker_queue_name!: string | null;
  @Column({ type: 'text', nullable: true }) environment_name!: string | null;
  @Column({ type: 'jsonb' }) config!: Record<string, unknown>;
  @Column({ type: 'jsonb', nullable: true }) execution_environment!: ExecutionEnvironment | null;
  @Column({ type: 'text', nullable: true }) last_execution_id!: string | null;
  @Column({ type: 'timestamptz', nullable: true }) last_execution_at!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) next_execution_at!: Date | null;
  @Column({ type: 'int' }) total_executions!: number;
  @Column({ type: 'int' }) successful_executions!: number;
  @Column({ type: 'int' }) failed_executions!: number;
  @Column({ type: 'jsonb' }) execution_history!: Record<string, unknown>[];
  @Column({ type: 'text', nullable: true }) created_by!: string | null;
  @Column({ type: 'text', nullable: true }) updated_by!: string | null;
  @Column({ type: 'text', nullable: true }) created_by_email!: string | null;
  @Column({ type: 'text', nullable: true }) updated_by_email!: string | null;
  @Column({ type: 'timestamptz' }) created_at!: Date;
  @Column({ type: 'timestamptz' }) updated_at!: Date;
  @Column({ type: 'timestamptz', nullable: true }) last_triggered_at!: Date | null;
  /** Deleted jobs stay for audit but are hidden from the API. */
  @Column({ type: 'timestamptz', nullable: true }) deleted_at!: Date | null;
  @Column({ type: 'text', nullable: true, unique: true }) webhook_token!: string | null;
  @Column({ type: 'text', nullable: true }) webhook_secret_encrypted!: string | null;
  @Column({ type: 'text', nullable: true }) previous_webhook_secret_encrypted!: string | null;
  @Column({ type: 'timestamptz', nullable: true }) previous_webhook_secret_valid_until!: Date | null;
  /** Revision of the last job-stream event applied to this row (idempotence). */
  @Column({ type: 'int' }) stream_revision!: number;
}
