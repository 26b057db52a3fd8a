import { HttpException } from '@nestjs/common';
import type { Pool } from 'pg';
import type { AppConfig } from '@cp/config';
import { StreamVerifierService } from './stream-verifier.service';

describe('stream verification', () => {
  it('answers 501 with a clear detail on EventStoreDB, which keeps no hash chain', async () => {
    const verifier = new StreamVerifierService({ eventStore: 'eventstoredb', dbSchema: 'cp' } as AppConfig, {} as Pool);
    const failure = await verifier.verifyJob('job_1').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(HttpException);
    expect((failure as HttpException).getStatus()).toBe(501);
    expect(JSON.stringify((failure as HttpException).getResponse())).toMatch(/EVENT_STORE=postgres/);
  });
});
