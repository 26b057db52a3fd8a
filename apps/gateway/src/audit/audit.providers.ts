import type { Provider } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { EVENT_STORE, type EventStore } from '@cp/event-store';
import { JobAsOfReader } from '@cp/read-model';
import { READ_MODEL } from '../read-model.provider';
import { AuditStreamReader } from './audit-stream.reader';
import { ExecutionAuditController } from './execution-audit.controller';
import { ExecutionCauseService } from './execution-cause.service';
import { JobAsOfService } from './job-as-of.service';
import { JobAuditController } from './job-audit.controller';
import { StreamVerifierService } from './stream-verifier.service';

/** Issue 8: audit replay (event streams, state as of a time, causes, tamper evidence). */
export const auditControllers = [JobAuditController, ExecutionAuditController];

export const auditProviders: Provider[] = [
  AuditStreamReader,
  ExecutionCauseService,
  StreamVerifierService,
  JobAsOfService,
  {
    provide: JobAsOfReader,
    inject: [EVENT_STORE, READ_MODEL],
    useFactory: (eventStore: EventStore, dataSource: DataSource) => new JobAsOfReader({ eventStore, dataSource }),
  },
];
