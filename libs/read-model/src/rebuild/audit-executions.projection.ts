import type { ExecutionRequested, RecordedEvent } from '@cp/contracts';
import type { Projection } from '../projection';
import { AuditExecutionRow } from './audit-execution.row';

/** ExecutionRequested -> `audit_executions` (idempotent: a row already there is left as it is). */
export const auditExecutionsProjection: Projection = {
  name: 'audit-executions',
  handles: ['ExecutionRequested'],
  async apply(event, manager) {
    const { data } = event as RecordedEvent<ExecutionRequested>;
    await manager
      .createQueryBuilder()
      .insert()
      .into(AuditExecutionRow)
      .values({ execution_id: data.execution_id, job_id: data.job_id, position: event.position, recorded_at: new Date(event.recordedAt) })
      .orIgnore()
      .execute();
  },
};
