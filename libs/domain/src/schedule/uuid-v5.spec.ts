import { cronSlotExecutionId, scheduledRunSkippedEventId } from './cron-slot-ids';
import { uuidV5 } from './uuid-v5';

const NAMESPACE_DNS = '6ba7b810-9dad-11d1-80b4-00c04fd430c8';
const NAMESPACE_URL = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';

describe('uuidV5', () => {
  it('matches the RFC 9562 appendix A.4 test vector', () => expect(uuidV5('www.example.com', NAMESPACE_DNS)).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2'));
  it('matches Python uuid.uuid5(NAMESPACE_DNS, "python.org")', () => expect(uuidV5('python.org', NAMESPACE_DNS)).toBe('886313e1-3b8a-5372-9b90-0c9aee199e5d'));
  it('derives the cron-slot namespace from NAMESPACE_URL', () => expect(uuidV5('https://control-plane.local/cron-slot', NAMESPACE_URL)).toBe('f4c3d251-cd0c-51bb-9757-d011d1761b8e'));
  it('rejects a namespace that is not a UUID', () => expect(() => uuidV5('x', 'not-a-uuid')).toThrow(/namespace must be a UUID/));
});

describe('cron slot ids', () => {
  const JOB = 'job_6f1c2b1e-0000-4000-8000-000000000001';
  const slot = Date.UTC(2025, 0, 1, 9, 0, 0);
  it('are the same for the same job and slot, in any process', () => expect(cronSlotExecutionId(JOB, slot)).toBe(cronSlotExecutionId(JOB, slot)));
  it('are version-5 UUIDs', () => expect(cronSlotExecutionId(JOB, slot)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/));
  it('differ between slots and between jobs', () => {
    expect(cronSlotExecutionId(JOB, slot + 1000)).not.toBe(cronSlotExecutionId(JOB, slot));
    expect(cronSlotExecutionId('job_other', slot)).not.toBe(cronSlotExecutionId(JOB, slot));
  });
  it('never collide with the id of a skip record of the same slot', () => expect(scheduledRunSkippedEventId(JOB, 'misfire', slot)).not.toBe(cronSlotExecutionId(JOB, slot)));
});
