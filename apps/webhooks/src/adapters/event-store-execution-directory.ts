import { executionStreamId, type ExecutionRequested } from '@cp/contracts';
import type { EventStore } from '@cp/event-store';
import type { ExecutionDirectory, ExistingExecution } from '../delivery/ports';

/** Reads the first event of the execution stream: the source of truth, no projection lag. */
export class EventStoreExecutionDirectory implements ExecutionDirectory {
  constructor(private readonly eventStore: EventStore) {}

  async find(executionId: string): Promise<ExistingExecution | null> {
    const [first] = await this.eventStore.readStream(executionStreamId(executionId), { maxCount: 1 });
    if (!first || first.type !== 'ExecutionRequested') return null;
    const data = first.data as ExecutionRequested['data'];
    return { job_id: data.job_id, execution_id: data.execution_id, workflow_id: data.workflow_id };
  }
}
