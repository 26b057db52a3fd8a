import { ExecutionLogRow } from './execution-log.row';
import { ExecutionRow } from './execution.row';
import { JobRow } from './job.row';
import { ProjectionCheckpointRow } from './projection-checkpoint.row';
import { RegistryEntryRow } from './registry-entry.row';
import { AuditExecutionRow } from '../rebuild/audit-execution.row';

export { AuditExecutionRow, ExecutionLogRow, ExecutionRow, JobRow, ProjectionCheckpointRow, RegistryEntryRow };
export type { LogStream } from './execution-log.row';

export const READ_MODEL_ENTITIES = [JobRow, ExecutionRow, ExecutionLogRow, ProjectionCheckpointRow, RegistryEntryRow, AuditExecutionRow];
