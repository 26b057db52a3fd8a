import { DomainFailure, notFound } from '@cp/contracts';
import { sendCommand } from './command-client';
import { serveCommands, type CommandHandler, type CommandServer } from './command-server';
import type { MessagingLogger } from './logger';
import { natsTestEnv, type NatsTestEnv } from './test-support/nats-test-env';

const quietLogger = (): MessagingLogger & { errors: string[] } => {
  const errors: string[] = [];
  return { errors, info: () => undefined, warn: () => undefined, error: (msg, ctx) => errors.push(`${msg} ${JSON.stringify(ctx)}`) };
};

describe('command bus over NATS request/reply', () => {
  let env: NatsTestEnv;
  const servers: CommandServer[] = [];

  beforeAll(async () => {
    env = await natsTestEnv('cmd');
  });
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.stop()));
  });
  afterAll(async () => {
    await env.close();
  });

  const serve = (handlers: Record<string, CommandHandler>, logger = quietLogger()) => {
    servers.push(serveCommands(env.nc, env.subjects, 'jobs', handlers, { logger }));
    return logger;
  };

  it('replies with the handler result, revision and position, and passes the correlation id', async () => {
    serve({ 'create-job': async (payload, ctx) => ({ result: { echoed: payload, correlationId: ctx.correlationId }, revision: 0, position: '42' }) });

    const reply = await sendCommand(env.nc, env.subjects, 'jobs', 'create-job', { name: 'nightly' }, { correlationId: 'corr-1' });

    expect(reply).toEqual({ ok: true, result: { echoed: { name: 'nightly' }, correlationId: 'corr-1' }, revision: 0, position: '42' });
  });

  it('defaults a missing revision and position to null', async () => {
    serve({ ping: async () => ({ result: 'pong' }) });

    expect(await sendCommand(env.nc, env.subjects, 'jobs', 'ping', null)).toEqual({ ok: true, result: 'pong', revision: null, position: null });
  });

  it('maps a DomainFailure to its typed error', async () => {
    serve({
      'get-job': async () => {
        throw notFound('Job job_1 not found');
      },
      'create-job': async () => {
        throw new DomainFailure({ code: 'validation', detail: [{ loc: ['body', 'name'], msg: 'Field required', type: 'missing' }] });
      },
    });

    expect(await sendCommand(env.nc, env.subjects, 'jobs', 'get-job', {})).toEqual({ ok: false, error: { code: 'not_found', detail: 'Job job_1 not found' } });
    expect(await sendCommand(env.nc, env.subjects, 'jobs', 'create-job', {})).toEqual({
      ok: false,
      error: { code: 'validation', detail: [{ loc: ['body', 'name'], msg: 'Field required', type: 'missing' }] },
    });
  });

  it('hides unexpected errors behind an internal error and logs them', async () => {
    const logger = serve({
      'create-job': async () => {
        throw new Error('connection string postgres://secret@db leaked');
      },
    });

    const reply = await sendCommand(env.nc, env.subjects, 'jobs', 'create-job', {});

    expect(reply).toEqual({ ok: false, error: { code: 'internal', detail: 'Internal error' } });
    expect(logger.errors.join('\n')).toContain('postgres://secret@db leaked');
  });

  it('answers an unknown command with bad_request', async () => {
    serve({ ping: async () => ({ result: 'pong' }) });

    expect(await sendCommand(env.nc, env.subjects, 'jobs', 'explode', {})).toEqual({ ok: false, error: { code: 'bad_request', detail: 'Unknown command jobs.explode' } });
  });

  it('reports a service without responders as unavailable', async () => {
    expect(await sendCommand(env.nc, env.subjects, 'nobody', 'ping', {})).toEqual({ ok: false, error: { code: 'unavailable', detail: 'nobody service is unavailable' } });
  });

  it('reports a service that does not answer in time as unavailable', async () => {
    serve({ slow: () => new Promise((resolve) => setTimeout(() => resolve({ result: 'late' }), 600)) });

    const reply = await sendCommand(env.nc, env.subjects, 'jobs', 'slow', {}, { timeoutMs: 200 });

    expect(reply).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });

  it('runs handlers concurrently', async () => {
    let running = 0;
    let maxRunning = 0;
    serve({
      work: async () => {
        running += 1;
        maxRunning = Math.max(maxRunning, running);
        await new Promise((resolve) => setTimeout(resolve, 200));
        running -= 1;
        return { result: 'done' };
      },
    });

    await Promise.all([1, 2, 3].map(() => sendCommand(env.nc, env.subjects, 'jobs', 'work', {})));

    expect(maxRunning).toBe(3);
  });

  it('shares requests between servers of one queue group, each request handled once', async () => {
    const handledBy: string[] = [];
    const handlerOf = (name: string): CommandHandler => async () => {
      handledBy.push(name);
      await new Promise((resolve) => setTimeout(resolve, 20));
      return { result: name };
    };
    serve({ work: handlerOf('a') });
    serve({ work: handlerOf('b') });

    const replies = await Promise.all(Array.from({ length: 40 }, () => sendCommand(env.nc, env.subjects, 'jobs', 'work', {})));

    expect(handledBy).toHaveLength(40);
    expect(replies.every((r) => r.ok)).toBe(true);
    expect(new Set(handledBy)).toEqual(new Set(['a', 'b']));
  });

  it('finishes requests in flight when stopped', async () => {
    const server = serveCommands(env.nc, env.subjects, 'jobs', { slow: () => new Promise((resolve) => setTimeout(() => resolve({ result: 'finished' }), 300)) }, { logger: quietLogger() });
    const pending = sendCommand(env.nc, env.subjects, 'jobs', 'slow', {});
    await new Promise((resolve) => setTimeout(resolve, 100));

    await server.stop();

    expect(await pending).toMatchObject({ ok: true, result: 'finished' });
    expect(await sendCommand(env.nc, env.subjects, 'jobs', 'slow', {})).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });
});
