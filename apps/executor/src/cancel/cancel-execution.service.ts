import { Injectable } from '@nestjs/common';
import { badRequest, type CancelExecutionResult, type ExecutorServiceRequests } from '@cp/contracts';
import { ExecutionLifecycle } from '../shared/execution-lifecycle';
import { ExecutionStore } from '../shared/execution-store';

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function parseCancel(payload: unknown): ExecutorServiceRequests['cancel'] {
  if (!isObject(payload) || !isObject(payload.context) || typeof payload.job_id !== 'string' || typeof payload.execution_id !== 'string') {
    throw badRequest('executor.cancel: payload must be {context, job_id, execution_id, reason}');
  }
  const reason = typeof payload.reason === 'string' && payload.reason.length > 0 ? payload.reason : null;
  return { context: payload.context as ExecutorServiceRequests['cancel']['context'], job_id: payload.job_id, execution_id: payload.execution_id, reason };
}

/** `cmd.executor.cancel` (gateway): records ExecutionCancelled, stops the timers and tells the worker to stop. */
@Injectable()
export class CancelExecutionService {
  constructor(private readonly store: ExecutionStore, private readonly lifecycle: ExecutionLifecycle) {}

  async cancel(payload: unknown): Promise<{ result: CancelExecutionResult; revision: number | null; position: string | null }> {
    const request = parseCancel(payload);
    const { context } = request;
    const handled = await this.store.handle({
      type: 'CancelExecution',
      data: { execution_id: request.execution_id, job_id: request.job_id, reason: request.reason },
      metadata: { organizationId: context.organizationId, actor: context.actor, correlationId: context.correlationId, now: new Date().toISOString() },
    });
    await this.lifecycle.afterChange(handled);
    const status = handled.state.status === 'absent' ? 'cancelled' : handled.state.status;
    return { result: { execution_id: request.execution_id, job_id: request.job_id, status }, revision: handled.revision, position: handled.position };
  }
}
