import { DomainFailure } from '@cp/contracts';
import { WrongExpectedRevisionError } from '@cp/event-store';
import { afterLostRace, MAX_CONFLICT_ATTEMPTS } from './conflict-retry';

describe('afterLostRace', () => {
  const lostRace = new WrongExpectedRevisionError('job-1', 3, 4);

  it('lets the command be decided again after a lost race', async () => {
    await expect(afterLostRace(lostRace, 1, 'job-1')).resolves.toBeUndefined();
  });
  it('passes any other failure on unchanged', async () => {
    const broken = new Error('connection reset');
    await expect(afterLostRace(broken, 1, 'job-1')).rejects.toBe(broken);
  });
  it('answers 409 once the last attempt has lost too', async () => {
    const failure = await afterLostRace(lostRace, MAX_CONFLICT_ATTEMPTS, 'job-1').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DomainFailure);
    expect((failure as DomainFailure).error).toMatchObject({ code: 'conflict', detail: expect.stringContaining('job-1') });
  });
});
