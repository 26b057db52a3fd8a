import { Inject, Injectable } from '@nestjs/common';
import type { AgentCandidate } from '@cp/contracts';
import type { LiveExecution } from '@cp/domain';
import { ExecutionQueries } from '@cp/read-model';

/** What DispatchExecution needs from the registry read model; looked up only when the job needs it. */
@Injectable()
export class DispatchInputs {
  constructor(@Inject(ExecutionQueries) private readonly queries: ExecutionQueries) {}

  async for(execution: LiveExecution): Promise<{ candidates: AgentCandidate[]; agent_default_queue: string | null }> {
    const { planning_mode, organization_id, executor_type, entity_type, entity_id } = execution.request;
    if (planning_mode === 'on_the_fly') return { candidates: await this.queries.agentCandidates(organization_id), agent_default_queue: null };
    if (executor_type === 'auto' && entity_type === 'agent' && entity_id) {
      return { candidates: [], agent_default_queue: await this.queries.agentDefaultQueue(organization_id, entity_id) };
    }
    return { candidates: [], agent_default_queue: null };
  }
}
