import { In, IsNull } from 'typeorm';
import type { DataSource, FindOptionsWhere, Repository } from 'typeorm';
import type { AgentCandidate, AgentDefinition, ExecutionStatus } from '@cp/contracts';
import { ExecutionLogRow, ExecutionRow, RegistryEntryRow } from './entities';

export type ExecutionPage = { limit: number; offset: number };
export type ExecutionListFilter = ExecutionPage & { jobId?: string; status?: ExecutionStatus };

export const ACTIVE_EXECUTION_STATUSES: ExecutionStatus[] = ['pending', 'queued', 'running', 'retrying'];

/** Read side of executions (gateway) and the executor's look-ups (non-terminal scan, on_the_fly candidates). */
export class ExecutionQueries {
  private readonly executions: Repository<ExecutionRow>;

  constructor(private readonly dataSource: DataSource) {
    this.executions = dataSource.getRepository(ExecutionRow);
  }

  /** Another organization's execution is null (a 404). */
  findExecution(organizationId: string, executionId: string): Promise<ExecutionRow | null> {
    return this.executions.findOneBy({ id: executionId, organization_id: organizationId });
  }

  /** Newest first (requested_at desc, then id), with the total for paging. */
  async listJobExecutions(organizationId: string, jobId: string, page: ExecutionPage): Promise<{ total: number; rows: ExecutionRow[] }> {
    const [rows, total] = await this.executions.findAndCount({
      where: { organization_id: organizationId, job_id: jobId },
      order: { requested_at: 'DESC', id: 'DESC' },
      take: page.limit,
      skip: page.offset,
    });
    return { total, rows };
  }

  listExecutions(organizationId: string, filter: ExecutionListFilter): Promise<ExecutionRow[]> {
    const where: FindOptionsWhere<ExecutionRow> = { organization_id: organizationId };
    if (filter.jobId !== undefined) where.job_id = filter.jobId;
    if (filter.status !== undefined) where.status = filter.status;
    return this.executions.find({ where, order: { requested_at: 'DESC', id: 'DESC' }, take: filter.limit, skip: filter.offset });
  }

  /** Every execution the read model shows as not finished, across organizations (the executor's start-up scan). */
  async activeExecutionIds(): Promise<string[]> {
    const rows = await this.executions.find({ select: { id: true }, where: { status: In(ACTIVE_EXECUTION_STATUSES) } });
    return rows.map((row) => row.id);
  }

  /** Stored log lines with seq > after, in order. */
  logs(executionId: string, after: number, limit: number): Promise<ExecutionLogRow[]> {
    return this.dataSource.getRepository(ExecutionLogRow).createQueryBuilder('l')
      .where('l.execution_id = :executionId AND l.seq > :after', { executionId, after })
      .orderBy('l.seq', 'ASC').limit(limit).getMany();
  }

  /** The organization's live agents with their load (executions queued or running on them). */
  async agentCandidates(organizationId: string): Promise<AgentCandidate[]> {
    const agents = await this.dataSource.getRepository(RegistryEntryRow).findBy({ kind: 'agent', organization_id: organizationId, removed_at: IsNull() });
    if (agents.length === 0) return [];
    const loads = await this.executions.createQueryBuilder('e').select('e.agent_id', 'agent_id').addSelect('count(*)::int', 'load')
      .where('e.agent_id IN (:...ids) AND e.status IN (:...active)', { ids: agents.map((a) => a.id), active: ['queued', 'running'] })
      .groupBy('e.agent_id').getRawMany<{ agent_id: string; load: number }>();
    const loadOf = new Map(loads.map((l) => [l.agent_id, Number(l.load)]));
    return agents.map((agent) => {
      const definition = agent.definition as AgentDefinition;
      return {
        agent_id: agent.id, name: agent.name, description: agent.description, capabilities: definition.capabilities ?? [],
        load: loadOf.get(agent.id) ?? 0, default_worker_queue: definition.default_worker_queue ?? null,
      };
    });
  }

  /** The default_worker_queue of a live agent of the organization, or null. */
  /** On every dispatch of a predefined agent's run: one plain query (the repository API cost more CPU than the read). */
  async agentDefaultQueue(organizationId: string, agentId: string): Promise<string | null> {
    const table = this.dataSource.getRepository(RegistryEntryRow).metadata.tablePath;
    const rows = (await this.dataSource.query(
      `SELECT definition->>'default_worker_queue' AS queue FROM ${table} WHERE kind = 'agent' AND id = $1 AND organization_id = $2 AND removed_at IS NULL`,
      [agentId, organizationId],
    )) as { queue: string | null }[];
    return rows[0]?.queue ?? null;
  }
}
