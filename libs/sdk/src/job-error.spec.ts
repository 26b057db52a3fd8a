import { ControlPlaneClient } from './control-plane-client';
import { JobError } from './job-error';
import { sendJson, startRecordingServer, type RecordingServer } from './testing/recording-server';

describe('error mapping', () => {
  let server: RecordingServer;
  let answer: { status: number; body: unknown; raw?: string };
  const client = () => new ControlPlaneClient({ baseUrl: server.url, apiKey: 't', retry: { retries: 0 } });

  beforeAll(async () => {
    server = await startRecordingServer((_req, res) => {
      if (answer.raw !== undefined) {
        res.writeHead(answer.status, { 'Content-Type': 'text/plain' });
        res.end(answer.raw);
      } else sendJson(res, answer.status, answer.body);
    });
  });
  afterAll(() => server.close());

  async function failure(call: (c: ControlPlaneClient) => Promise<unknown>): Promise<JobError> {
    const error = await call(client()).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(JobError);
    return error as JobError;
  }

  it('a 404 carries the status and the detail text as its message', async () => {
    answer = { status: 404, body: { detail: 'Job job_x not found' } };
    const error = await failure((c) => c.jobs.get('job_x'));
    expect(error).toMatchObject({ status: 404, detail: 'Job job_x not found', isNotFound: true, issues: [] });
    expect(error.message).toBe('Job job_x not found (HTTP 404)');
  });

  it('a 422 carries every validation item in issues', async () => {
    const issues = [
      { loc: ['body', 'name'], msg: 'Field required', type: 'missing' },
      { loc: ['body', 'cron_schedule'], msg: 'Invalid cron expression', type: 'value_error' },
    ];
    answer = { status: 422, body: { detail: issues } };
    const error = await failure((c) => c.jobs.create({ name: '', trigger_type: 'cron', prompt_template: 'x' }));
    expect(error.status).toBe(422);
    expect(error.issues).toEqual(issues);
    expect(error.message).toBe('name: Field required; cron_schedule: Invalid cron expression (HTTP 422)');
  });

  it('a 401 with a dict detail reads its message', async () => {
    answer = { status: 401, body: { detail: { error: 'Unauthorized', message: 'Authorization header is required', hint: 'Send a token' } } };
    const error = await failure((c) => c.jobs.list());
    expect(error.isAuthError).toBe(true);
    expect(error.detail).toEqual({ error: 'Unauthorized', message: 'Authorization header is required', hint: 'Send a token' });
    expect(error.message).toBe('Authorization header is required (HTTP 401)');
  });

  it('a body that is not JSON becomes the detail', async () => {
    answer = { status: 502, body: null, raw: 'Bad gateway from proxy' };
    const error = await failure((c) => c.jobs.list());
    expect(error).toMatchObject({ status: 502, detail: 'Bad gateway from proxy' });
  });

  it('no answer at all is a JobError with a null status naming the cause', async () => {
    const closed = await startRecordingServer(() => undefined);
    await closed.close();
    const error = await new ControlPlaneClient({ baseUrl: closed.url, apiKey: 't', retry: { retries: 0 } }).jobs.list().then(() => null, (e: unknown) => e as JobError);
    expect(error).toBeInstanceOf(JobError);
    expect(error).toMatchObject({ status: null, isNetworkError: true });
    expect((error as JobError).message).toMatch(/ECONNREFUSED/);
  });

  it('a successful delete answers nothing', async () => {
    answer = { status: 204, body: undefined };
    await expect(client().jobs.delete('job_x')).resolves.toBeUndefined();
  });
});
