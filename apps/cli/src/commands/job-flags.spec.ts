import type { JobResponse } from '@cp/sdk';
import { UsageError } from '../cli-errors';
import { checkJobFlags, toCreateInput, toUpdateInput } from './job-flags';

describe('job flags', () => {
  describe('given create flags', () => {
    it.each([
      [{ name: 'n', prompt: 'p', agent: 'a', team: 't' }, /--agent and --team cannot be used together/],
      [{ name: 'n', prompt: 'p', workflow: 'w', onTheFly: true }, /--workflow and --on-the-fly/],
      [{ name: 'n', prompt: 'p', agent: 'a', schedule: '* * * * *', webhook: true as const }, /--schedule and --webhook/],
      [{ name: 'n', prompt: 'p', agent: 'a', queue: 'q', environment: 'e' }, /--queue and --environment/],
      [{ prompt: 'p', agent: 'a' }, /missing required --name/],
      [{ name: 'n', prompt: 'p' }, /say who runs the job/],
      [{ name: 'n', prompt: 'p', agent: 'a', timezone: 'UTC' }, /--timezone only applies/],
    ])('%j is a usage error', (flags, message) => {
      expect(() => checkJobFlags(flags, 'create')).toThrow(UsageError);
      expect(() => checkJobFlags(flags, 'create')).toThrow(message);
    });

    it('a schedule makes a cron job run by the agent', () => {
      expect(toCreateInput({ name: 'daily-report', prompt: 'Generate daily report', agent: 'a-1', schedule: '0 9 * * *', timezone: 'Europe/Berlin' })).toEqual({
        name: 'daily-report',
        prompt_template: 'Generate daily report',
        trigger_type: 'cron',
        cron_schedule: '0 9 * * *',
        cron_timezone: 'Europe/Berlin',
        planning_mode: 'predefined_agent',
        entity_type: 'agent',
        entity_id: 'a-1',
      });
    });

    it('--webhook makes a webhook job; neither makes a manual one', () => {
      expect(toCreateInput({ name: 'n', prompt: 'p', team: 't', webhook: '/deploy' })).toMatchObject({ trigger_type: 'webhook', planning_mode: 'predefined_team', entity_type: 'team' });
      expect(toCreateInput({ name: 'n', prompt: 'p', onTheFly: true })).toMatchObject({ trigger_type: 'manual', planning_mode: 'on_the_fly', entity_id: null });
    });

    it('--timeout and --retries go into config, --enabled=false and the executor as given', () => {
      expect(toCreateInput({ name: 'n', prompt: 'p', workflow: 'w', timeout: 600, retries: 2, enabled: false, environment: 'prod' })).toMatchObject({
        config: { timeout: 600, retry: { max_attempts: 3 } },
        enabled: false,
        executor_type: 'environment',
        environment_name: 'prod',
        planning_mode: 'predefined_workflow',
      });
    });
  });

  describe('given update flags', () => {
    it('no flag at all is a usage error', () => {
      expect(() => checkJobFlags({}, 'update')).toThrow(/nothing to update/);
    });

    it('sends only what the flags name', () => {
      expect(toUpdateInput({ schedule: '0 12 * * *' }, null)).toEqual({ cron_schedule: '0 12 * * *', trigger_type: 'cron' });
      expect(toUpdateInput({ name: 'Midday Analytics Job' }, null)).toEqual({ name: 'Midday Analytics Job' });
    });

    it('merges --timeout and --retries into the current config, keeping other keys', () => {
      const current = { config: { timeout: 60, retry: { max_attempts: 1, backoff_seconds: 5 }, overlap: 'forbid' } } as unknown as JobResponse;
      expect(toUpdateInput({ retries: 4 }, current)).toEqual({ config: { timeout: 60, retry: { max_attempts: 5, backoff_seconds: 5 }, overlap: 'forbid' } });
    });
  });
});
