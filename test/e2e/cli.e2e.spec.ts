import { randomUUID } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { devToken, launchServices, type LaunchedServices } from '@cp/testing';
import { isolatedEnv, runJobs, runJobsInTerminal, type CliResult } from '../../apps/cli/src/testing/cli-runner';

// Each test runs real processes (the CLI starts in about half a second, more on a busy machine).
jest.setTimeout(120_000);

/**
 * The `jobs` binary as users run it: a subprocess against real gateway, jobs and projector processes, checked on
 * stdout (data), stderr (messages) and exit codes (0 ok, 1 server failure, 2 usage, 3 not found, 4 auth).
 */
describe('jobs CLI (end to end)', () => {
  let services: LaunchedServices;
  let token: string;
  let agentId: string;
  let teamId: string;
  const UNREACHABLE = 'http://127.0.0.1:9';

  const env = (extra: Record<string, string | undefined> = {}) => isolatedEnv({ CONTROL_PLANE_URL: services.gatewayUrl, CONTROL_PLANE_API_KEY: token, ...extra });
  const jobs = (...args: string[]) => runJobs(args, env());
  const json = <T>(result: CliResult): T => {
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: expect.any(String) });
    return JSON.parse(result.stdout) as T;
  };
  type Job = { id: string; name: string; enabled: boolean; trigger_type: string; cron_schedule: string | null; [key: string]: unknown };

  async function register(path: string, body: unknown): Promise<string> {
    const response = await fetch(`${services.gatewayUrl}${path}`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    if (response.status !== 201) throw new Error(`POST ${path}: ${response.status} ${await response.text()}`);
    return ((await response.json()) as { id: string }).id;
  }

  async function createJob(...flags: string[]): Promise<Job> {
    return json<Job>(await jobs('create', ...flags, '-o', 'json'));
  }

  beforeAll(async () => {
    services = await launchServices({ services: ['projector', 'jobs', 'gateway'] });
    token = devToken({ organizationId: `org_cli_${randomUUID().slice(0, 8)}`, userId: 'cli-user', email: 'cli@example.com' });
    agentId = await register('/api/v1/agents', { name: 'reporter', runtime: { type: 'command', command: '/bin/echo', args: ['ok'] } });
    teamId = await register('/api/v1/teams', { name: 'deployers', member_agent_ids: [agentId] });
  }, 180_000);

  afterAll(async () => {
    await services?.stop();
  }, 60_000);

  describe('help', () => {
    it('jobs --help lists every verb with examples', async () => {
      const result = await jobs('--help');
      expect(result.code).toBe(0);
      for (const verb of ['list', 'get', 'create', 'update', 'trigger', 'enable', 'disable', 'executions', 'logs', 'delete', 'login']) expect(result.stdout).toContain(verb);
      expect(result.stdout).toContain('Examples:');
    });

    it.each(['create', 'list', 'trigger', 'logs'])('jobs %s --help shows an example', async (verb) => {
      const result = await jobs(verb, '--help');
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/Examples?:\n(\s+#.*\n)?\s+\$ jobs /);
    });

    it('no arguments prints the help on stderr with the usage exit code', async () => {
      const result = await jobs();
      expect(result).toMatchObject({ code: 2, stdout: '' });
      expect(result.stderr).toContain('Usage: jobs');
    });
  });

  describe('create (the seed examples)', () => {
    it('creates a scheduled job and shows it as a table', async () => {
      const result = await jobs('create', '--name', 'daily-report', '--agent', agentId, '--schedule', '0 9 * * *', '--prompt', 'Generate daily report');
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/ID:\s+job_[0-9a-f-]{36}/);
      expect(result.stdout).toMatch(/Schedule:\s+0 9 \* \* \* \(UTC\)/);
      expect(result.stdout).toMatch(/Next run:\s+\d{4}-\d\d-\d\d 09:00:00 UTC \(in \d+ (h|min)\)/);
      expect(result.stdout).toMatch(/Runs:\s+agent reporter/);
    });

    it('creates a webhook job and prints its URL and one-time secret', async () => {
      const result = await jobs('create', '--name', 'on-demand', '--team', teamId, '--webhook', '/deploy-trigger', '--prompt', 'Process incoming deployment event', '-o', 'json');
      const job = json<Job>(result);
      expect(job).toMatchObject({ trigger_type: 'webhook', entity_type: 'team', entity_id: teamId, planning_mode: 'predefined_team' });
      expect(job.webhook_url).toMatch(/\/api\/v1\/jobs\/webhook\/\S+$/);
      expect(job.webhook_secret).toEqual(expect.any(String));
      expect(result.stderr).toContain('"/deploy-trigger" is not used');
    });

    it('creates a disabled job with --enabled=false', async () => {
      const job = await createJob('--name', 'future-job', '--agent', agentId, '--schedule', '0 0 * * 0', '--prompt', 'Weekly maintenance', '--enabled=false');
      expect(job).toMatchObject({ enabled: false, trigger_type: 'cron', cron_schedule: '0 0 * * 0' });
    });

    it('puts --timeout and --retries into config and --queue into the executor', async () => {
      const job = await createJob('--name', 'rollback', '--agent', agentId, '--prompt', 'Roll back {{service}}', '--queue', 'production', '--timeout', '600', '--retries', '2');
      expect(job).toMatchObject({ trigger_type: 'manual', executor_type: 'specific_queue', worker_queue_name: 'production', config: { timeout: 600, retry: { max_attempts: 3 } } });
    });

    it('supports --on-the-fly, --environment and --timezone', async () => {
      const job = await createJob('--name', 'smart', '--on-the-fly', '--prompt', 'p', '--environment', 'staging', '--schedule', '30 8 * * 1-5', '--timezone', 'America/New_York');
      expect(job).toMatchObject({ planning_mode: 'on_the_fly', entity_id: null, executor_type: 'environment', environment_name: 'staging', cron_timezone: 'America/New_York' });
    });

    it.each([
      [['--agent', 'a', '--team', 'b'], /--agent and --team cannot be used together/],
      [['--agent', 'a', '--on-the-fly'], /mutually exclusive/],
      [['--agent', 'a', '--schedule', '0 9 * * *', '--webhook'], /--schedule and --webhook cannot be used together/],
      [['--agent', 'a', '--queue', 'q', '--environment', 'e'], /--queue and --environment cannot be used together/],
      [['--agent', 'a', '--timezone', 'UTC'], /--timezone only applies to a --schedule/],
      [[], /one of --agent <id>, --team <id>, --workflow <id> or --on-the-fly/],
      [['--agent', 'a', '--retries', 'many'], /--retries <n>.*many/],
    ])('rejects %j as a usage error before sending anything', async (flags, message) => {
      const result = await runJobs(['create', '--name', 'x', '--prompt', 'p', ...flags], env({ CONTROL_PLANE_URL: UNREACHABLE }));
      expect(result).toMatchObject({ code: 2, stdout: '' });
      expect(result.stderr).toMatch(message);
    });

    it('requires --name and --prompt', async () => {
      const result = await runJobs(['create', '--agent', agentId], env({ CONTROL_PLANE_URL: UNREACHABLE }));
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('missing required --name and --prompt');
    });

    it('reports a server-side validation failure with its detail and exit code 1', async () => {
      const result = await jobs('create', '--name', 'x', '--agent', 'no-such-agent', '--prompt', 'p');
      expect(result).toMatchObject({ code: 1, stdout: '' });
      expect(result.stderr).toMatch(/HTTP 422/);
      expect(result.stderr).toMatch(/entity_id: .*no-such-agent/);
    });
  });

  describe('list and get', () => {
    let job: Job;
    beforeAll(async () => {
      job = await createJob('--name', 'listed-cron', '--agent', agentId, '--schedule', '15 6 * * *', '--prompt', 'Listed');
    });

    it('list prints a table with a header and one row per job', async () => {
      const result = await jobs('list');
      expect(result.code).toBe(0);
      expect(result.stdout.split('\n')[0]).toMatch(/^ID\s+NAME\s+TRIGGER\s+SCHEDULE\s+STATUS/);
      expect(result.stdout).toMatch(new RegExp(`${job.id}\\s+listed-cron\\s+cron\\s+15 6 \\* \\* \\*\\s+enabled`));
      expect(result.stdout).not.toContain('\x1b[');
    });

    it('list -o json prints the server data for jq', async () => {
      const list = json<Job[]>(await jobs('list', '-o', 'json'));
      expect(list.map((j) => j.id)).toContain(job.id);
    });

    it('list -o yaml prints the same data as YAML', async () => {
      const result = await jobs('list', '-o', 'yaml');
      expect(result.code).toBe(0);
      expect((parseYaml(result.stdout) as Job[]).map((j) => j.id)).toContain(job.id);
    });

    it('list filters by trigger type and enabled', async () => {
      const cron = json<Job[]>(await jobs('list', '--trigger-type', 'cron', '-o', 'json'));
      expect(cron.length).toBeGreaterThan(0);
      expect(cron.every((j) => j.trigger_type === 'cron')).toBe(true);
      const disabled = json<Job[]>(await jobs('list', '--enabled', 'false', '-o', 'json'));
      expect(disabled.map((j) => j.name)).toContain('future-job');
      expect(disabled.every((j) => !j.enabled)).toBe(true);
    });

    it('list fits the table to the terminal width', async () => {
      const result = await runJobs(['list'], env({ COLUMNS: '70' }));
      expect(result.code).toBe(0);
      for (const line of result.stdout.trimEnd().split('\n')) expect([...line].length).toBeLessThanOrEqual(70);
      expect(result.stdout).toContain(job.id);
    });

    it('get shows the job with absolute and relative times', async () => {
      const result = await jobs('get', job.id);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/Name:\s+listed-cron/);
      expect(result.stdout).toMatch(/Created:\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC \((just now|\d+ s ago|\d+ min ago)\) by cli@example.com/);
    });

    it('get -o json prints the JobResponse', async () => {
      expect(json<Job>(await jobs('get', job.id, '-o', 'json'))).toMatchObject({ id: job.id, name: 'listed-cron', cron_schedule: '15 6 * * *' });
    });

    it('get of an unknown job exits 3 with the detail on stderr', async () => {
      const result = await jobs('get', 'job_00000000-0000-4000-8000-000000000000');
      expect(result).toMatchObject({ code: 3, stdout: '' });
      expect(result.stderr).toContain('Job job_00000000-0000-4000-8000-000000000000 not found');
    });
  });

  describe('update, enable, disable, delete', () => {
    let job: Job;
    beforeAll(async () => {
      job = await createJob('--name', 'to-change', '--agent', agentId, '--schedule', '0 9 * * *', '--prompt', 'Old prompt', '--timeout', '60');
    });

    it('updates the schedule, the prompt and the name (seed examples)', async () => {
      expect(json<Job>(await jobs('update', job.id, '--schedule', '0 12 * * *', '-o', 'json'))).toMatchObject({ cron_schedule: '0 12 * * *' });
      expect(json<Job>(await jobs('update', job.id, '--prompt', 'Regenerate analytics dashboard', '-o', 'json'))).toMatchObject({ prompt_template: 'Regenerate analytics dashboard' });
      const renamed = await jobs('update', job.id, '--name', 'Midday Analytics Job');
      expect(renamed.code).toBe(0);
      expect(renamed.stdout).toMatch(/Name:\s+Midday Analytics Job/);
    });

    it('merges --retries into the existing config', async () => {
      expect(json<Job>(await jobs('update', job.id, '--retries', '1', '-o', 'json'))).toMatchObject({ config: { timeout: 60, retry: { max_attempts: 2 } } });
    });

    it('an update without flags is a usage error', async () => {
      const result = await jobs('update', job.id);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('nothing to update');
    });

    it('disable and enable switch the job', async () => {
      const disabled = await jobs('disable', job.id);
      expect(disabled.code).toBe(0);
      expect(disabled.stdout).toMatch(/Status:\s+disabled/);
      expect(json<Job>(await jobs('get', job.id, '-o', 'json')).enabled).toBe(false);
      expect(json<Job>(await jobs('enable', job.id, '-o', 'json'))).toMatchObject({ enabled: true, status: 'active' });
    });

    it('enable of an unknown job exits 3', async () => {
      expect((await jobs('enable', 'job_00000000-0000-4000-8000-000000000000')).code).toBe(3);
    });

    it('delete asks for --yes when not in a terminal, then deletes', async () => {
      const refused = await jobs('delete', job.id);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain('--yes');
      const deleted = await jobs('delete', job.id, '--yes');
      expect(deleted).toMatchObject({ code: 0, stdout: `Deleted job ${job.id}\n` });
      expect((await jobs('get', job.id)).code).toBe(3);
    });
  });

  describe('authentication and settings', () => {
    it('a rejected token exits 4', async () => {
      const result = await runJobs(['list'], env({ CONTROL_PLANE_API_KEY: 'not-a-token' }));
      expect(result).toMatchObject({ code: 4, stdout: '' });
      expect(result.stderr).toContain('HTTP 401');
    });

    it('no token anywhere exits 4 before any request', async () => {
      const result = await runJobs(['list'], env({ CONTROL_PLANE_API_KEY: undefined }));
      expect(result.code).toBe(4);
      expect(result.stderr).toContain('jobs login');
    });

    it('an unreachable control plane exits 1', async () => {
      const result = await runJobs(['get', 'job_x'], env({ CONTROL_PLANE_URL: UNREACHABLE }));
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('cannot reach the control plane');
    });

    it('login stores URL and token with mode 0600, and later commands use them', async () => {
      const home = isolatedEnv();
      const login = await runJobs(['login', '--url', services.gatewayUrl, '--token', token], home);
      expect(login.code).toBe(0);
      const file = join(home.XDG_CONFIG_HOME as string, 'jobs-control-plane', 'config.json');
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ url: services.gatewayUrl, token });
      expect((await runJobs(['list', '-o', 'json'], home)).code).toBe(0);
      // The environment wins over the file, and flags win over the environment.
      expect((await runJobs(['list'], { ...home, CONTROL_PLANE_API_KEY: 'bad' })).code).toBe(4);
      expect((await runJobs(['list', '--token', token], { ...home, CONTROL_PLANE_API_KEY: 'bad' })).code).toBe(0);
      expect((await runJobs(['list'], { ...home, KUBIYA_API_KEY: 'bad' })).code).toBe(4);
    });

    it('login refuses a token the server rejects and saves nothing', async () => {
      const home = isolatedEnv();
      const result = await runJobs(['login', '--url', services.gatewayUrl, '--token', 'wrong'], home);
      expect(result.code).toBe(4);
      expect(() => statSync(join(home.XDG_CONFIG_HOME as string, 'jobs-control-plane', 'config.json'))).toThrow();
    });
  });

  describe('on a terminal', () => {
    it('colours the table on a TTY', async () => {
      const result = await runJobsInTerminal(['list'], env());
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/\x1b\[1mID\x1b\[22m/);
    });

    it('never colours with NO_COLOR', async () => {
      const result = await runJobsInTerminal(['list'], env({ NO_COLOR: '1' }));
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('ID');
      expect(result.stdout).not.toContain('\x1b[');
    });
  });
});
