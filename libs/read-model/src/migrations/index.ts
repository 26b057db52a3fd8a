import { CreateReadModel1732550000000 } from './1732550000000-create-read-model.migration';
import { CreateRegistry1732560000000 } from './1732560000000-create-registry.migration';
import { ExecutionDetails1732570000000 } from './1732570000000-execution-details.migration';
import { AuditSnapshots1732590000000 } from './1732590000000-audit-snapshots.migration';
import { AuditExecutions1732590000001 } from './1732590000001-audit-executions.migration';

/** Every read-model migration, oldest first. */
export const READ_MODEL_MIGRATIONS = [CreateReadModel1732550000000, CreateRegistry1732560000000, ExecutionDetails1732570000000, AuditSnapshots1732590000000, AuditExecutions1732590000001];
export { CreateReadModel1732550000000, CreateRegistry1732560000000, ExecutionDetails1732570000000, AuditSnapshots1732590000000, AuditExecutions1732590000001 };
