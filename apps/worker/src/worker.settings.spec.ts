import { loadWorkerSettings } from './worker.settings';

describe('loadWorkerSettings', () => {
  it('pulls the default queue with 4 slots unless told otherwise', () => {
    expect(loadWorkerSettings({})).toMatchObject({ queues: ['default'], concurrency: 4, logFlushMs: 100, logBatchLines: 50 });
  });
  it('reads a list of queues, environment queues included, without duplicates', () => {
    expect(loadWorkerSettings({ WORKER_QUEUES: ' default, env.prod ,gpu,default', WORKER_CONCURRENCY: '2' })).toMatchObject({ queues: ['default', 'env.prod', 'gpu'], concurrency: 2 });
  });
  it('names every bad setting at once', () => {
    expect(() => loadWorkerSettings({ WORKER_QUEUES: 'ok,bad queue', WORKER_CONCURRENCY: '0' })).toThrow(/"bad queue" is not a valid queue name[\s\S]*WORKER_CONCURRENCY must be a positive integer/);
  });
  it('refuses an empty queue list', () => expect(() => loadWorkerSettings({ WORKER_QUEUES: ' , ' })).toThrow(/at least one queue/));
});
