import { randomUUID } from 'node:crypto';
import { ControlPlaneClient } from '@cp/sdk';
import { devToken, launchServices, waitFor, type LaunchedServices } from '@cp/testing';
import { isolatedEnv, runJobs, runJobsInTerminal, type CliResult } from '../../apps/cli/src/testing/cli-runner';

// Each test runs real processes (the CLI starts in about half a second, more on a busy machine).
jest.setTimeout(120_000);

/**
 * `jobs trigger`, `jobs executions` and `jobs logs` against the whole execution path: gateway -> jobs -> executor ->
 * a real worker running a `command` agent -> projector, as separate processes.
 */
describe('jobs CLI: trigger, executions, logs (end to end)', () => {
  let services: LaunchedServices;
  let token: string;
  let client: ControlPlaneClient;
  let okAgent: string;
  let failingAgent: string;

  const env = (extra: Record<string, string | undefined> = {}) => isolatedEnv({ CONTROL_PLANE_URL: services.gatewayUrl, CONTROL_PLANE_API_KEY: token, ...extra });
  const jobs = (...args: string[]) => runJobs(args, env());
  const ok = (result: CliResult): CliResult => {
    if (result.code !== 0) throw new Error(`exit ${result.code}\nstdout: ${result.stdout}\nstderr: ${result.stderr}`);
    return result;
  };

  async function agent(name: string, script: string): Promise<string> {
    const response = await fetch(`${services.gatewayUrl}/api/v1/agents`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name, runtime: { type: 'command', command: '/bin/sh', args: ['-c', script] } }),
    });
    if (response.status !== 201) throw new Error(`create agent: ${response.status} ${await response.text()}`);
    return ((await response.json()) as { id: string }).id;
  }

  async function manualJob(agentId: string, prompt = 'Deploy {{service}}'): Promise<string> {
    const job = await client.jobs.create({ name: `cli-run-${randomUUID().slice(0, 6)}`, trigger_type: 'manual', planning_mode: 'predefined_agent', entity_type: 'agent', entity_id: agentId, prompt_template: prompt });
    return job.id;
  }

  const finished = (executionId: string) =>
    waitFor(async () => {
      const execution = await client.executions.get(executionId);
      return ['completed', 'failed', 'timed_out', 'cancelled'].includes(execution.status) ? execution : null;
    }, { timeoutMs: 60_000, description: `execution ${executionId} to finish` });

  beforeAll(async () => {
    services = await launchServices({ services: ['projector', 'jobs', 'executor', 'worker', 'gateway'] });
    token = devToken({ organizationId: `org_cli_runs_${randomUUID().slice(0, 8)}`, userId: 'cli-user', email: 'cli@example.com' });
    client = new ControlPlaneClient({ baseUrl: services.gatewayUrl, apiKey: token });
    okAgent = await agent('deployer', 'echo "step one"; cat; echo; sleep 1; echo "step two"');
    failingAgent = await agent('breaker', 'echo "about to fail"; exit 3');
  }, 180_000);

  afterAll(async () => {
    await services?.stop();
  }, 60_000);

  describe('trigger', () => {
    it('prints the execution and a hint to follow it', async () => {
      const jobId = await manualJob(okAgent);
      const result = ok(await jobs('trigger', jobId, '--param', 'service=api'));
      expect(result.stdout).toMatch(/Execution:\s+[0-9a-f-]{36}/);
      expect(result.stdout).toMatch(/Workflow:\s+agent-execution-[0-9a-f-]{36}/);
      expect(result.stdout).toMatch(/Status:\s+started/);
      expect(result.stderr).toMatch(/jobs logs [0-9a-f-]{36} --follow/);
    });

    it('-o json prints the JobTriggerResponse', async () => {
      const jobId = await manualJob(okAgent);
      const body = JSON.parse(ok(await jobs('trigger', jobId, '-p', 'service=web', '-o', 'json')).stdout) as Record<string, string>;
      expect(body).toMatchObject({ job_id: jobId, status: 'started', workflow_id: `agent-execution-${body.execution_id}` });
      await finished(body.execution_id);
    });

    it('a missing template variable is a server-side failure naming it (exit 1)', async () => {
      const result = await jobs('trigger', await manualJob(okAgent));
      expect(result).toMatchObject({ code: 1, stdout: '' });
      expect(result.stderr).toMatch(/parameters\.service/);
    });

    it('a disabled job cannot be triggered (exit 1, detail from the server)', async () => {
      const jobId = await manualJob(okAgent);
      await client.jobs.disable(jobId);
      const result = await jobs('trigger', jobId, '--param', 'service=api');
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('Job is disabled');
    });

    it('an unknown job exits 3', async () => {
      expect((await jobs('trigger', 'job_00000000-0000-4000-8000-000000000000')).code).toBe(3);
    });

    it('a malformed --param is a usage error', async () => {
      expect((await jobs('trigger', 'job_x', '--param', 'novalue')).code).toBe(2);
    });
  });

  describe('executions', () => {
    let jobId: string;
    let executionId: string;
    beforeAll(async () => {
      jobId = await manualJob(okAgent);
      executionId = (await client.jobs.trigger(jobId, { parameters: { service: 'api' } })).execution_id;
      await finished(executionId);
    }, 90_000);

    it('lists the history as a table', async () => {
      const result = ok(await jobs('executions', jobId));
      expect(result.stdout.split('\n')[0]).toMatch(/^EXECUTION ID\s+STATUS\s+TRIGGER\s+STARTED\s+DURATION/);
      expect(result.stdout).toMatch(new RegExp(`${executionId}\\s+completed\\s+manual`));
      expect(result.stdout).toContain('Showing 1-1 of 1 executions');
    });

    it('-o json prints total_count, total and the executions', async () => {
      const history = JSON.parse(ok(await jobs('executions', jobId, '--limit', '5', '-o', 'json')).stdout) as Record<string, unknown>;
      expect(history).toMatchObject({ job_id: jobId, total_count: 1, total: 1, executions: [expect.objectContaining({ execution_id: executionId, status: 'completed' })] });
    });

    it('an unknown job exits 3', async () => {
      expect((await jobs('executions', 'job_00000000-0000-4000-8000-000000000000')).code).toBe(3);
    });
  });

  describe('logs', () => {
    let executionId: string;
    beforeAll(async () => {
      executionId = (await client.jobs.trigger(await manualJob(okAgent), { parameters: { service: 'billing' } })).execution_id;
      await finished(executionId);
    }, 90_000);

    it('prints the stored lines in order', async () => {
      const result = ok(await jobs('logs', executionId));
      const text = result.stdout;
      expect(text).toContain('step one');
      expect(text).toContain('Deploy billing');
      expect(text.indexOf('step one')).toBeLessThan(text.indexOf('step two'));
    });

    it('-o json prints the lines for jq', async () => {
      const body = JSON.parse(ok(await jobs('logs', executionId, '-o', 'json')).stdout) as { lines: { line: string }[] };
      expect(body.lines.map((l) => l.line)).toEqual(expect.arrayContaining(['step one', 'Deploy billing', 'step two']));
    });

    it('--follow on a finished execution replays its lines and exits 0', async () => {
      const result = ok(await jobs('logs', executionId, '--follow'));
      expect(result.stdout).toContain('step two');
      expect(result.stderr).toMatch(/completed/);
    });

    it('an unknown execution exits 3', async () => {
      expect((await jobs('logs', randomUUID())).code).toBe(3);
    });
  });

  describe('trigger --follow', () => {
    it('streams the log lines until the execution completes (exit 0)', async () => {
      const result = ok(await jobs('trigger', await manualJob(okAgent), '--param', 'service=api', '--follow'));
      expect(result.stdout).toContain('step one');
      expect(result.stdout).toContain('Deploy api');
      expect(result.stdout).toContain('step two');
      expect(result.stderr).toMatch(/✓ execution [0-9a-f-]{36} completed after \d+:\d\d/);
    });

    it('-o json prints the trigger response and every stream event as one JSON object per line', async () => {
      const result = ok(await jobs('trigger', await manualJob(okAgent), '--param', 'service=api', '--follow', '-o', 'json'));
      const lines = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(lines[0]).toMatchObject({ status: 'started' });
      expect(lines[lines.length - 1]).toMatchObject({ event: 'complete' });
    });

    it('exits 1 with the error when the execution fails', async () => {
      const result = await jobs('trigger', await manualJob(failingAgent, 'Break it'), '--follow');
      expect(result.code).toBe(1);
      expect(result.stdout).toContain('about to fail');
      expect(result.stderr).toMatch(/execution [0-9a-f-]{36} failed/);
    });

    it('under a pseudo-terminal shows a live status line with the elapsed time, and the log lines', async () => {
      const jobId = await manualJob(okAgent);
      const result = await runJobsInTerminal(['trigger', jobId, '--param', 'service=api', '--follow'], env());
      expect(result.code).toBe(0);
      const screen = result.stdout;
      expect(screen).toMatch(/(running|pending|queued)\S* · \d+:\d\d elapsed/);
      expect(screen).toContain('\r\x1b[2K');
      expect(screen).toContain('step one');
      expect(screen).toContain('step two');
      expect(screen).toMatch(/completed/);
    });
  });
});
