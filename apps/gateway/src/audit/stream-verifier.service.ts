import { HttpException, Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import type { AppConfig } from '@cp/config';
import { jobStreamId, type StreamVerificationResponse } from '@cp/contracts';
import { verifyStreamChain } from '@cp/event-store';
import { APP_CONFIG, PG_POOL } from '@cp/runtime';

/** Tamper evidence (issue 8 §8): recomputes the hash chain the PostgreSQL store keeps for every stream. */
@Injectable()
export class StreamVerifierService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  async verifyJob(jobId: string): Promise<StreamVerificationResponse> {
    if (this.config.eventStore !== 'postgres') {
      throw new HttpException({
        detail: 'Stream verification needs the PostgreSQL event store (EVENT_STORE=postgres): it checks the hash chain that store keeps with every event, and EventStoreDB keeps none',
      }, 501);
    }
    const streamId = jobStreamId(jobId);
    const report = await verifyStreamChain(this.pool, this.config.dbSchema, streamId);
    return { job_id: jobId, stream_id: streamId, intact: report.intact, checked_events: report.checked, first_broken_revision: report.firstBrokenRevision, reason: report.reason };
  }
}
