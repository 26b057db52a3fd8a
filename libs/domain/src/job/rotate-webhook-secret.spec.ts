import { DomainFailure, type CommandMetadata, type JobDefinition, type JobEvent, type RotateWebhookSecret, type WebhookSecretRotated } from '@cp/contracts';
import { jobDecider } from './job-decider';

const JOB = 'job_6f1c2b1e-0000-4000-8000-000000000002';
const meta: CommandMetadata = { organizationId: 'org-1', actor: { id: 'user-1', email: null }, now: '2030-01-01T00:00:00.000Z', correlationId: 'c-1' };
const definition = (trigger_type: JobDefinition['trigger_type']): JobDefinition => ({
  name: 'Deploy on push', description: null, enabled: true, trigger_type, cron_schedule: null, cron_timezone: 'UTC', planning_mode: 'on_the_fly',
  entity_type: null, entity_id: null, entity_name: null, prompt_template: 'Deploy', system_prompt: null, executor_type: 'auto',
  worker_queue_name: null, environment_name: null, config: {}, execution_environment: null,
});
const created = (trigger: JobDefinition['trigger_type'] = 'webhook'): JobEvent => ({
  type: 'JobCreated',
  data: { job_id: JOB, organization_id: 'org-1', definition: definition(trigger), webhook: trigger === 'webhook' ? { token: 'tok', secret_encrypted: 'enc-1' } : null },
});
const rotate = (grace = 86_400, metadata = meta): RotateWebhookSecret => ({ type: 'RotateWebhookSecret', data: { job_id: JOB, secret_encrypted: 'enc-2', grace_period_seconds: grace }, metadata });
const rotated = (secret: string, previous: string, until: string, grace: number): WebhookSecretRotated => ({
  type: 'WebhookSecretRotated', data: { job_id: JOB, secret_encrypted: secret, previous_secret_encrypted: previous, previous_valid_until: until, grace_period_seconds: grace },
});

function given(...events: JobEvent[]) {
  const state = events.reduce(jobDecider.evolve, jobDecider.initialState());
  return {
    when: (command: RotateWebhookSecret) => ({
      then: (expected: JobEvent[]) => expect(jobDecider.decide(command, state)).toEqual(expected),
      thenFails: (code: string, pattern: RegExp) => {
        let failure: unknown;
        try { jobDecider.decide(command, state); } catch (error) { failure = error; }
        expect(failure).toBeInstanceOf(DomainFailure);
        expect((failure as DomainFailure).error.code).toBe(code);
        expect(JSON.stringify((failure as DomainFailure).error.detail)).toMatch(pattern);
      },
    }),
  };
}

describe('RotateWebhookSecret', () => {
  it('makes the current secret the previous one, valid for the grace period', () =>
    given(created()).when(rotate()).then([rotated('enc-2', 'enc-1', '2030-01-02T00:00:00.000Z', 86_400)]));
  it('ends the grace period at once with 0 seconds', () =>
    given(created()).when(rotate(0)).then([rotated('enc-2', 'enc-1', '2030-01-01T00:00:00.000Z', 0)]));
  it('rotates from the secret the last rotation made', () =>
    given(created(), rotated('enc-2', 'enc-1', '2030-01-02T00:00:00.000Z', 86_400))
      .when({ ...rotate(60), data: { job_id: JOB, secret_encrypted: 'enc-3', grace_period_seconds: 60 } })
      .then([rotated('enc-3', 'enc-2', '2030-01-01T00:01:00.000Z', 60)]));
  it('rotates the webhook a PATCH created', () =>
    given(created('manual'), { type: 'JobUpdated', data: { job_id: JOB, changes: { trigger_type: 'webhook' }, webhook: { token: 't2', secret_encrypted: 'enc-p' } } })
      .when(rotate(10)).then([rotated('enc-2', 'enc-p', '2030-01-01T00:00:10.000Z', 10)]));
  it('refuses a job without a webhook', () => given(created('manual')).when(rotate()).thenFails('bad_request', /has no webhook/));
  it('refuses a webhook the PATCH retired', () =>
    given(created(), { type: 'JobUpdated', data: { job_id: JOB, changes: { trigger_type: 'manual' }, webhook: null } }).when(rotate()).thenFails('bad_request', /has no webhook/));
  it('refuses a missing job', () => given().when(rotate()).thenFails('not_found', /not found/));
  it('refuses a deleted job', () => given(created(), { type: 'JobDeleted', data: { job_id: JOB } }).when(rotate()).thenFails('not_found', /not found/));
  it("answers another organization's job as not found", () =>
    given(created()).when(rotate(86_400, { ...meta, organizationId: 'org-2' })).thenFails('not_found', /not found/));
  it.each([[-1], [1.5], [30 * 86_400 + 1]])('refuses a grace period of %p seconds', (grace) =>
    given(created()).when(rotate(grace)).thenFails('validation', /grace_period_seconds/));
});
