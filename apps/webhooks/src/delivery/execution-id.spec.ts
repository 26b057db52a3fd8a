import { deliveryExecutionId, uuidV5 } from './execution-id';

describe('uuidV5', () => {
  it('matches the RFC test vector (DNS namespace, www.example.com)', () => {
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });
  it('refuses a namespace that is not a UUID', () => {
    expect(() => uuidV5('x', 'nope')).toThrow('Not a UUID namespace');
  });
});

describe('deliveryExecutionId', () => {
  const job = 'job_0b6f6c55-6a3e-4d47-9f40-1d8f0c6a2a11';
  it('is a version 5 UUID, the same for the same job and delivery', () => {
    const id = deliveryExecutionId(job, 'msg_1');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(deliveryExecutionId(job, 'msg_1')).toBe(id);
  });
  it('differs for another delivery or another job', () => {
    expect(deliveryExecutionId(job, 'msg_2')).not.toBe(deliveryExecutionId(job, 'msg_1'));
    expect(deliveryExecutionId('job_other', 'msg_1')).not.toBe(deliveryExecutionId(job, 'msg_1'));
  });
});
