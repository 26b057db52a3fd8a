import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchServices, waitFor, type LaunchedServices } from '@cp/testing';
import { apiClient, tokenFor, type ApiClient } from './support/api-client';
import { executionsApi } from './support/executions-api';

type Logs = { lines: { seq: number; stream: string; line: string }[]; status: string; has_more: boolean; next_after: number };

/** An agent that runs `node -e <script>`: the prompt arrives on stdin. */
const nodeAgent = (name: string, script: string) => ({ name, capabilities: ['test'], runtime: { type: 'command', command: process.execPath, args: ['-e', script] } });
const READ_STDIN = "let input = ''; process.stdin.on('data', (d) => (input += d)); process.stdin.on('end', () => main(input));";
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The reference worker (issue 4 §4) running real agents: command, team, workflow, openai; cancel; kill -9. */
describe('Reference worker, end to end', () => {
  let services: LaunchedServices;
  let api: ApiClient;
  let x: ReturnType<typeof executionsApi>;
  let scratch: string;

  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'worker-e2e-'));
    services = await launchServices({
      services: ['projector', 'jobs', 'gateway', 'executor', 'worker'],
      env: {
        EXECUTOR_HEARTBEAT_INTERVAL_MS: '300', EXECUTOR_HEARTBEAT_TIMEOUT_MS: '2000', EXECUTOR_SWEEP_INTERVAL_MS: '1000',
        WORKER_QUEUES: 'default', WORKER_CONCURRENCY: '4', WORKER_SECRET_API_TOKEN: 's3cret-token',
      },
    });
    api = apiClient(services.gatewayUrl, tokenFor('org-w', 'wendy'));
    x = executionsApi(api);
  }, 180_000);
  afterAll(async () => {
    await services?.stop();
    rmSync(scratch, { recursive: true, force: true });
  }, 60_000);

  const logsOf = async (executionId: string): Promise<Logs> => (await api.get<Logs>(`/api/v1/executions/${executionId}/logs`)).body;

  it('runs a command agent: prompt on stdin, env vars and secrets in its environment, logs in order, result and counters', async () => {
    const agent = await x.createAgent(nodeAgent('Reporter', `${READ_STDIN}
      function main(prompt) {
        console.log('prompt: ' + prompt);
        console.error('warning: disk ' + process.env.LEVEL);
        for (let i = 1; i <= 3; i++) console.log('line ' + i);
        console.log('token ' + process.env.API_TOKEN + ' db ' + (process.env.DATABASE_URL ?? 'hidden'));
      }`));
    const job = await x.createJob(agent.id, { execution_environment: { env_vars: { LEVEL: 'low' }, secrets: ['API_TOKEN'] } });
    const { execution_id } = await x.trigger(job.id, { parameters: { db: 'orders' } });
    const done = await x.waitForStatus(execution_id, ['completed', 'failed']);
    expect(done).toMatchObject({ status: 'completed', output: 'prompt: Back up orders\nline 1\nline 2\nline 3\ntoken s3cret-token db hidden' });
    const logs = await waitFor(async () => ((await logsOf(execution_id)).lines.length >= 6 ? logsOf(execution_id) : null), { description: 'six stored log lines' });
    expect(logs.lines.filter((l) => l.stream === 'stdout').map((l) => l.line)).toEqual(['prompt: Back up orders', 'line 1', 'line 2', 'line 3', 'token s3cret-token db hidden']);
    expect(logs.lines.filter((l) => l.stream === 'stderr').map((l) => l.line)).toEqual(['warning: disk low']);
    expect(logs.lines.map((l) => l.seq)).toEqual([...logs.lines.map((l) => l.seq)].sort((a, b) => a - b));
    const after = (await api.get<Logs>(`/api/v1/executions/${execution_id}/logs?after=${logs.lines[2].seq}&limit=2`)).body;
    expect(after).toMatchObject({ has_more: true, next_after: logs.lines[4].seq });
    expect(after.lines).toEqual(logs.lines.slice(3, 5));
    expect(await x.job(job.id)).toMatchObject({ total_executions: 1, successful_executions: 1, failed_executions: 0 });
  }, 60_000);

  it('fails an execution whose command exits non-zero, quoting its last stderr line', async () => {
    const agent = await x.createAgent(nodeAgent('Broken', "console.error('cannot reach db'); process.exit(3)"));
    const { execution_id } = await x.trigger((await x.createJob(agent.id)).id);
    const done = await x.waitForStatus(execution_id, ['completed', 'failed']);
    expect(done.status).toBe('failed');
    expect(done.error_message).toMatch(/exited with code 3: cannot reach db/);
  }, 60_000);

  it('pulls only its own queues: an environment job runs on the env.<name> worker', async () => {
    await services.startService('worker', { instance: 2, env: { ...services.env, WORKER_QUEUES: 'env.prod', WORKER_ID: 'prod-worker' } });
    const agent = await x.createAgent(nodeAgent('Where', "console.log('ran')"));
    const { execution_id } = await x.trigger((await x.createJob(agent.id, { executor_type: 'environment', environment_name: 'prod' })).id);
    expect(await x.waitForStatus(execution_id, ['completed', 'failed'])).toMatchObject({ status: 'completed', queue: 'env.prod', worker_id: 'prod-worker' });
    const local = await x.trigger((await x.createJob(agent.id)).id);
    expect((await x.waitForStatus(local.execution_id, ['completed', 'failed'])).worker_id).not.toBe('prod-worker');
    await services.service('worker', 2).kill('SIGTERM');
  }, 60_000);

  it('never lets a parameter reach a shell', async () => {
    const marker = join(scratch, 'pwned');
    const agent = await x.createAgent({ name: 'Cat', runtime: { type: 'command', command: 'cat', args: [] } });
    const job = await x.createJob(agent.id, { prompt_template: 'Deploy {{service}}' });
    const { execution_id } = await x.trigger(job.id, { parameters: { service: `$(touch ${marker}); \`touch ${marker}\`` } });
    const done = await x.waitForStatus(execution_id, ['completed', 'failed']);
    expect(done.output).toBe(`Deploy $(touch ${marker}); \`touch ${marker}\``);
    expect(existsSync(marker)).toBe(false);
  }, 60_000);

  it('runs a team in order, each member seeing the previous output', async () => {
    const first = await x.createAgent(nodeAgent('Collector', `${READ_STDIN} function main(p) { console.log('collected for [' + p.trim() + ']') }`));
    const second = await x.createAgent(nodeAgent('Summariser', `${READ_STDIN} function main(p) { console.log('summary of: ' + p.split('\\n').pop()) }`));
    const team = (await api.post<{ id: string }>('/api/v1/teams', { name: 'Pipeline', member_agent_ids: [first.id, second.id] })).body;
    const job = await x.createJob(team.id, { planning_mode: 'predefined_team' });
    const trigger = await x.trigger(job.id, { parameters: { db: 'users' } });
    expect(trigger.workflow_id).toBe(`team-execution-${trigger.execution_id}`);
    const done = await x.waitForStatus(trigger.execution_id, ['completed', 'failed']);
    expect(done).toMatchObject({ status: 'completed', output: 'summary of: collected for [Back up users]' });
  }, 60_000);

  it('runs workflow steps in order with their templates and stops at the first failure', async () => {
    const marker = join(scratch, 'step3-ran');
    const echo = await x.createAgent(nodeAgent('Echo', `${READ_STDIN} function main(p) { console.log(p) }`));
    const failing = await x.createAgent(nodeAgent('Fails', "console.error('step broke'); process.exit(1)"));
    const toucher = await x.createAgent(nodeAgent('Toucher', `require('fs').writeFileSync(${JSON.stringify(marker)}, 'x')`));
    const good = (await api.post<{ id: string }>('/api/v1/workflows', { name: 'Good', steps: [
      { agent_id: echo.id, prompt_template: 'dump {{db}}' }, { agent_id: echo.id, prompt_template: 'report on <{{previous_output}}> for {{prompt}}' },
    ] })).body;
    const ok = await x.trigger((await x.createJob(good.id, { planning_mode: 'predefined_workflow' })).id, { parameters: { db: 'sales' } });
    expect(await x.waitForStatus(ok.execution_id, ['completed', 'failed'])).toMatchObject({ status: 'completed', output: 'report on <dump sales> for Back up sales' });

    const bad = (await api.post<{ id: string }>('/api/v1/workflows', { name: 'Bad', steps: [
      { agent_id: echo.id, prompt_template: 'one' }, { agent_id: failing.id, prompt_template: 'two' }, { agent_id: toucher.id, prompt_template: 'three' },
    ] })).body;
    const ko = await x.trigger((await x.createJob(bad.id, { planning_mode: 'predefined_workflow' })).id, { parameters: { db: 'sales' } });
    const failed = await x.waitForStatus(ko.execution_id, ['completed', 'failed']);
    expect(failed.status).toBe('failed');
    expect(failed.error_message).toMatch(/workflow Bad, step 2\/3: Fails failed: .*step broke/);
    expect(existsSync(marker)).toBe(false);
  }, 60_000);

  describe('openai runtime', () => {
    let server: Server;
    let requests: { auth: string | undefined; path: string | undefined; body: Record<string, unknown> }[];
    beforeAll(async () => {
      requests = [];
      server = createServer((req, res) => {
        let body = '';
        req.on('data', (c) => (body += c)).on('end', () => {
          const parsed = JSON.parse(body) as { messages: { content: string }[] };
          requests.push({ auth: req.headers.authorization, path: req.url, body: parsed });
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ choices: [{ message: { role: 'assistant', content: `Answer to: ${parsed.messages[parsed.messages.length - 1].content}` } }] }));
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('asks an OpenAI-compatible endpoint with the system prompt and the agent key; the completion is the output', async () => {
      const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
      const agent = await x.createAgent({ name: 'LLM', runtime: { type: 'openai', base_url: baseUrl, model: 'tiny-model', api_key_secret: 'sk-local-123', temperature: 0.2 } });
      const job = await x.createJob(agent.id, { system_prompt: 'You are terse.' });
      const { execution_id } = await x.trigger(job.id, { parameters: { db: 'billing' } });
      expect(await x.waitForStatus(execution_id, ['completed', 'failed'])).toMatchObject({ status: 'completed', output: 'Answer to: Back up billing' });
      expect(requests).toEqual([{
        auth: 'Bearer sk-local-123', path: '/v1/chat/completions',
        body: { model: 'tiny-model', temperature: 0.2, messages: [{ role: 'system', content: 'You are terse.' }, { role: 'user', content: 'Back up billing' }] },
      }]);
    }, 60_000);
  });

  it('stops the agent process when the execution is cancelled', async () => {
    const marker = join(scratch, 'finished-anyway');
    const agent = await x.createAgent(nodeAgent('Slow', `console.log('started'); setTimeout(() => require('fs').writeFileSync(${JSON.stringify(marker)}, 'x'), 3000)`));
    const job = await x.createJob(agent.id);
    const { execution_id } = await x.trigger(job.id);
    await waitFor(async () => (await logsOf(execution_id)).lines.some((l) => l.line === 'started'), { timeoutMs: 20_000, description: 'the agent to start' });
    expect((await api.post(`/api/v1/jobs/${job.id}/executions/${execution_id}/cancel`, { reason: 'changed my mind' })).status).toBe(200);
    await sleep(4_000);
    expect(existsSync(marker)).toBe(false);
    expect((await x.execution(execution_id)).status).toBe('cancelled');
  }, 60_000);

  it('on SIGTERM lets a running execution finish before it exits', async () => {
    const agent = await x.createAgent(nodeAgent('Finisher', "console.log('begun'); setTimeout(() => console.log('finished'), 1500)"));
    const { execution_id } = await x.trigger((await x.createJob(agent.id)).id);
    await waitFor(async () => (await logsOf(execution_id)).lines.some((l) => l.line === 'begun'), { timeoutMs: 20_000, description: 'the run to begin' });
    await services.service('worker').kill('SIGTERM');
    expect(services.service('worker').running).toBe(false);
    expect(await x.waitForStatus(execution_id, ['completed', 'failed', 'timed_out'])).toMatchObject({ status: 'completed', attempt: 1, output: 'begun\nfinished' });
    await services.startService('worker');
  }, 60_000);

  it('survives kill -9 of the worker mid-run: the missing heartbeat times the attempt out and the retry runs elsewhere', async () => {
    const agent = await x.createAgent(nodeAgent('Patient', "console.log('working'); setTimeout(() => console.log('done'), 1500)"));
    const job = await x.createJob(agent.id, { config: { retry: { max_attempts: 2, backoff_seconds: 0 } } });
    const { execution_id } = await x.trigger(job.id);
    await waitFor(async () => (await logsOf(execution_id)).lines.some((l) => l.line === 'working'), { timeoutMs: 20_000, description: 'the first attempt to run' });
    await services.killService('worker', 'SIGKILL');
    await services.startService('worker');
    const done = await x.waitForStatus(execution_id, ['completed', 'failed', 'timed_out'], 60_000);
    expect(done).toMatchObject({ status: 'completed', attempt: 2, output: 'working\ndone' });
    expect(await x.job(job.id)).toMatchObject({ total_executions: 1, successful_executions: 1, failed_executions: 0 });
  }, 90_000);
});
