import type { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { JOB_EVENT_TYPES } from '@cp/contracts';
import type { JobCreated, JobEvent, RecordedEvent } from '@cp/contracts';
import { JobRow } from '../entities';
import type { Projection } from '../projection';
import { jobRowChanges, jobRowFromCreated } from './job-row.changes';
import type { JobChangeEvent } from './job-row.changes';

/** Job events -> `jobs` rows. Idempotent: an event at or below the row's stream_revision is skipped. */
export const jobsProjection: Projection = {
  name: 'jobs',
  handles: JOB_EVENT_TYPES,
  apply: (event, manager) => applyJobEvent(event as RecordedEvent<JobEvent>, manager),
};

async function applyJobEvent(event: RecordedEvent<JobEvent>, manager: EntityManager): Promise<void> {
  if (event.type === 'JobCreated') return insertJob(event, manager);
  const change = event as JobChangeEvent;
  const repository = manager.getRepository(JobRow);
  const row = await repository.findOne({ where: { id: change.data.job_id }, lock: { mode: 'pessimistic_write' } });
  if (!row) {
    throw new Error(`Job ${change.data.job_id} has no read-model row, so ${change.type} (revision ${change.revision}) cannot be applied; rebuild the read model`);
  }
  if (change.revision <= row.stream_revision) return;
  await repository.update({ id: row.id }, asQueryPartial({ ...jobRowChanges(change), stream_revision: change.revision }));
}

async function insertJob(event: RecordedEvent<JobCreated>, manager: EntityManager): Promise<void> {
  const repository = manager.getRepository(JobRow);
  if (await repository.existsBy({ id: event.data.job_id })) return;
  await repository.insert(asQueryPartial(jobRowFromCreated(event)));
}

/** TypeORM's deep-partial type rejects `unknown` inside jsonb columns; the values are plain JSON. */
const asQueryPartial = (row: Partial<JobRow>): QueryDeepPartialEntity<JobRow> => row as QueryDeepPartialEntity<JobRow>;
