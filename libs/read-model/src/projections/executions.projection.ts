import type { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { EXECUTION_EVENT_TYPES, type ExecutionEvent, type ExecutionOutputLogged, type ExecutionRequested, type RecordedEvent } from '@cp/contracts';
import { ExecutionLogRow, ExecutionRow, JobRow } from '../entities';
import type { Projection } from '../projection';
import { counterChanges, executionRowChanges, executionRowFromRequested, historyEntry, withNewHistoryEntry, withUpdatedHistoryEntry } from './execution-row.changes';

/**
 * Execution events -> `executions` rows, `execution_logs`, and the execution fields of `jobs` (counters,
 * last_execution_*, last_triggered_at, execution_history). Idempotent: an event at or below the execution row's
 * stream_revision is skipped, and the job's fields only change together with the execution row.
 */
export const executionsProjection: Projection = {
  name: 'executions',
  handles: EXECUTION_EVENT_TYPES,
  apply: (event, manager) => applyExecutionEvent(event as RecordedEvent<ExecutionEvent>, manager),
};

async function applyExecutionEvent(event: RecordedEvent<ExecutionEvent>, manager: EntityManager): Promise<void> {
  if (event.type === 'ExecutionRequested') return insertExecution(event as RecordedEvent<ExecutionRequested>, manager);
  const executions = manager.getRepository(ExecutionRow);
  const row = await executions.findOne({ where: { id: event.data.execution_id }, lock: { mode: 'pessimistic_write' } });
  if (!row) {
    throw new Error(`Execution ${event.data.execution_id} has no read-model row, so ${event.type} (revision ${event.revision}) cannot be applied; rebuild the read model`);
  }
  if (event.revision <= row.stream_revision) return;
  if (event.type === 'ExecutionOutputLogged') await insertLogLines(event as RecordedEvent<ExecutionOutputLogged>, manager);
  const changes = { ...executionRowChanges(event, row), updated_at: new Date(event.metadata.occurredAt), stream_revision: event.revision };
  await executions.update({ id: row.id }, asPartial(changes));
  const next = { ...row, ...changes } as ExecutionRow;
  if (next.status !== row.status) await updateJob(manager, next, counterChanges(row.status, next.status));
}

async function insertExecution(event: RecordedEvent<ExecutionRequested>, manager: EntityManager): Promise<void> {
  const executions = manager.getRepository(ExecutionRow);
  if (await executions.existsBy({ id: event.data.execution_id })) return;
  const row = executionRowFromRequested(event);
  await executions.insert(asPartial(row));
  const jobs = manager.getRepository(JobRow);
  const job = await jobs.findOne({ where: { id: row.job_id }, lock: { mode: 'pessimistic_write' } });
  if (!job) return;
  await jobs.update({ id: job.id }, {
    total_executions: job.total_executions + 1,
    last_execution_id: row.id,
    last_execution_at: row.requested_at,
    last_triggered_at: row.requested_at,
    execution_history: withNewHistoryEntry(job.execution_history, historyEntry(row)) as never,
  });
}

async function updateJob(manager: EntityManager, row: ExecutionRow, counters: { successful: number; failed: number }): Promise<void> {
  const jobs = manager.getRepository(JobRow);
  const job = await jobs.findOne({ where: { id: row.job_id }, lock: { mode: 'pessimistic_write' } });
  if (!job) return;
  await jobs.update({ id: job.id }, {
    successful_executions: job.successful_executions + counters.successful,
    failed_executions: job.failed_executions + counters.failed,
    execution_history: withUpdatedHistoryEntry(job.execution_history, historyEntry(row)) as never,
  });
}

async function insertLogLines(event: RecordedEvent<ExecutionOutputLogged>, manager: EntityManager): Promise<void> {
  if (event.data.lines.length === 0) return;
  const rows = event.data.lines.map((l) => ({ execution_id: event.data.execution_id, seq: l.seq, stream: l.stream, line: l.line, at: new Date(l.at) }));
  await manager.createQueryBuilder().insert().into(ExecutionLogRow).values(rows).orIgnore().execute();
}

const asPartial = (row: Partial<ExecutionRow>): QueryDeepPartialEntity<ExecutionRow> => row as QueryDeepPartialEntity<ExecutionRow>;
