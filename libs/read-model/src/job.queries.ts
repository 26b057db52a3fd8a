import { IsNull } from 'typeorm';
import type { DataSource, FindOptionsWhere, Repository } from 'typeorm';
import type { TriggerType } from '@cp/contracts';
import { JobRow } from './entities';

export type JobListFilter = { enabled?: boolean; triggerType?: TriggerType };

/** Read side of jobs for the gateway and the webhooks service. Deleted jobs are never returned. */
export class JobQueries {
  private readonly jobs: Repository<JobRow>;

  constructor(dataSource: DataSource) {
    this.jobs = dataSource.getRepository(JobRow);
  }

  /** The job if it exists in this organization and is not deleted (another organization's job is null: a 404). */
  findJob(organizationId: string, jobId: string): Promise<JobRow | null> {
    return this.jobs.findOneBy({ id: jobId, organization_id: organizationId, deleted_at: IsNull() });
  }

  /** Newest first (created_at desc, then id for a stable order). */
  listJobs(organizationId: string, filter: JobListFilter = {}): Promise<JobRow[]> {
    const where: FindOptionsWhere<JobRow> = { organization_id: organizationId, deleted_at: IsNull() };
    if (filter.enabled !== undefined) where.enabled = filter.enabled;
    if (filter.triggerType !== undefined) where.trigger_type = filter.triggerType;
    return this.jobs.find({ where, order: { created_at: 'DESC', id: 'DESC' } });
  }

  /** The live job whose webhook_url ends in `token`. */
  findJobByWebhookToken(token: string): Promise<JobRow | null> {
    return this.jobs.findOneBy({ webhook_token: token, deleted_at: IsNull() });
  }
}
