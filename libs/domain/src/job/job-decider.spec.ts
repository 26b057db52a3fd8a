import { DomainFailure, type CommandMetadata, type JobCommand, type JobDefinition, type JobEvent } from '@cp/contracts';
import { jobDecider } from './job-decider';

const meta: CommandMetadata = { organizationId: 'org-1', actor: { id: 'user-1', email: 'u@example.com' }, now: '2026-01-01T00:00:00.000Z', correlationId: 'c-1' };
const otherOrg: CommandMetadata = { ...meta, organizationId: 'org-2' };
const JOB = 'job_6f1c2b1e-0000-4000-8000-000000000001';

const definition = (overrides: Partial<JobDefinition> = {}): JobDefinition => ({
  name: 'Nightly Backup', description: null, enabled: true, trigger_type: 'manual', cron_schedule: null, cron_timezone: 'UTC',
  planning_mode: 'on_the_fly', entity_type: null, entity_id: null, entity_name: null, prompt_template: 'Back up {{db}}',
  system_prompt: null, executor_type: 'auto', worker_queue_name: null, environment_name: null, config: {}, execution_environment: null,
  ...overrides,
});
const created = (overrides: Partial<JobDefinition> = {}): JobEvent => ({ type: 'JobCreated', data: { job_id: JOB, organization_id: 'org-1', definition: definition(overrides), webhook: null } });
const webhook = { token: 'tok', secret_encrypted: 'enc' };
const team = { type: 'team' as const, id: 't-1', name: 'Ops team' };
const agent = { type: 'agent' as const, id: 'a-1', name: 'Backup bot' };

/** Given events, when command, then events (or error). */
function given(...events: JobEvent[]) {
  const state = events.reduce(jobDecider.evolve, jobDecider.initialState());
  return {
    when: (command: JobCommand) => ({
      then: (expected: JobEvent[]) => expect(jobDecider.decide(command, state)).toEqual(expected),
      thenFails: (code: string, detailPattern?: RegExp) => {
        let failure: unknown;
        try { jobDecider.decide(command, state); } catch (error) { failure = error; }
        expect(failure).toBeInstanceOf(DomainFailure);
        expect((failure as DomainFailure).error.code).toBe(code);
        if (detailPattern) expect(JSON.stringify((failure as DomainFailure).error.detail)).toMatch(detailPattern);
      },
    }),
  };
}

describe('job decider', () => {
  describe('CreateJob', () => {
    it('creates a job from nothing', () =>
      given().when({ type: 'CreateJob', data: { job_id: JOB, definition: definition(), webhook: null, entity: null }, metadata: meta }).then([created()]));
    it('fills the entity type a predefined mode implies', () =>
      given().when({ type: 'CreateJob', data: { job_id: JOB, definition: definition({ planning_mode: 'predefined_team', entity_id: 't-1' }), webhook: null, entity: team }, metadata: meta })
        .then([created({ planning_mode: 'predefined_team', entity_id: 't-1', entity_type: 'team', entity_name: 'Ops team' })]));
    it('names the agent it runs, as the registry calls it', () =>
      given().when({ type: 'CreateJob', data: { job_id: JOB, definition: definition({ planning_mode: 'predefined_agent', entity_id: 'a-1', entity_name: 'ignored' }), webhook: null, entity: agent }, metadata: meta })
        .then([created({ planning_mode: 'predefined_agent', entity_type: 'agent', entity_id: 'a-1', entity_name: 'Backup bot' })]));
    it('refuses an entity the registry does not have in the organization', () =>
      given().when({ type: 'CreateJob', data: { job_id: JOB, definition: definition({ planning_mode: 'predefined_agent', entity_id: 'a-404' }), webhook: null, entity: null }, metadata: meta })
        .thenFails('validation', /Agent a-404 not found in this organization/));
    it('refuses an entity of another type than the planning mode needs', () =>
      given().when({ type: 'CreateJob', data: { job_id: JOB, definition: definition({ planning_mode: 'predefined_team', entity_id: 'a-1' }), webhook: null, entity: agent }, metadata: meta })
        .thenFails('validation', /Team a-1 not found/));
    it('refuses an entity id without an entity type in on_the_fly mode', () =>
      given().when({ type: 'CreateJob', data: { job_id: JOB, definition: definition({ entity_id: 'a-1' }), webhook: null, entity: null }, metadata: meta })
        .thenFails('validation', /entity_type is required when entity_id is set/));
    it('keeps webhook credentials of a webhook job', () =>
      given().when({ type: 'CreateJob', data: { job_id: JOB, definition: definition({ trigger_type: 'webhook' }), webhook, entity: null }, metadata: meta })
        .then([{ type: 'JobCreated', data: { job_id: JOB, organization_id: 'org-1', definition: definition({ trigger_type: 'webhook' }), webhook } }]));
    it('refuses an id that exists', () =>
      given(created()).when({ type: 'CreateJob', data: { job_id: JOB, definition: definition(), webhook: null, entity: null }, metadata: meta }).thenFails('conflict'));
    it('refuses a cron job without a schedule', () =>
      given().when({ type: 'CreateJob', data: { job_id: JOB, definition: definition({ trigger_type: 'cron' }), webhook: null, entity: null }, metadata: meta }).thenFails('validation', /cron_schedule is required/));
    it('refuses an invalid cron expression', () =>
      given().when({ type: 'CreateJob', data: { job_id: JOB, definition: definition({ trigger_type: 'cron', cron_schedule: '61 * * * *' }), webhook: null, entity: null }, metadata: meta }).thenFails('validation', /Invalid cron expression/));
    it('refuses an unknown time zone', () =>
      given().when({ type: 'CreateJob', data: { job_id: JOB, definition: definition({ trigger_type: 'cron', cron_schedule: '0 9 * * *', cron_timezone: 'Mars/Olympus' }), webhook: null, entity: null }, metadata: meta }).thenFails('validation', /Unknown time zone/));
    it('refuses specific_queue without a queue name', () =>
      given().when({ type: 'CreateJob', data: { job_id: JOB, definition: definition({ executor_type: 'specific_queue' }), webhook: null, entity: null }, metadata: meta }).thenFails('validation', /worker_queue_name/));
    it('refuses environment executor without an environment name', () =>
      given().when({ type: 'CreateJob', data: { job_id: JOB, definition: definition({ executor_type: 'environment' }), webhook: null, entity: null }, metadata: meta }).thenFails('validation', /environment_name/));
    it('refuses a predefined mode without an entity id', () =>
      given().when({ type: 'CreateJob', data: { job_id: JOB, definition: definition({ planning_mode: 'predefined_agent' }), webhook: null, entity: null }, metadata: meta }).thenFails('validation', /entity_id is required/));
    it('refuses a predefined mode with the wrong entity type', () =>
      given().when({ type: 'CreateJob', data: { job_id: JOB, definition: definition({ planning_mode: 'predefined_agent', entity_type: 'team', entity_id: 'x' }), webhook: null, entity: null }, metadata: meta }).thenFails('validation', /entity_type must be 'agent'/));
  });

  describe('UpdateJob', () => {
    const agentJob = () => created({ planning_mode: 'predefined_agent', entity_type: 'agent', entity_id: 'a-1', entity_name: 'Backup bot' });
    it('checks a new entity and records its name', () =>
      given(agentJob()).when({ type: 'UpdateJob', data: { job_id: JOB, patch: { planning_mode: 'predefined_team', entity_type: 'team', entity_id: 't-1' }, new_webhook: null, entity: team }, metadata: meta })
        .then([{ type: 'JobUpdated', data: { job_id: JOB, changes: { planning_mode: 'predefined_team', entity_type: 'team', entity_id: 't-1', entity_name: 'Ops team' } } }]));
    it('refuses a new entity the registry does not have', () =>
      given(agentJob()).when({ type: 'UpdateJob', data: { job_id: JOB, patch: { entity_id: 'a-404' }, new_webhook: null, entity: null }, metadata: meta })
        .thenFails('validation', /Agent a-404 not found/));
    it('leaves the entity alone on an unrelated change, even if the registry lost it', () =>
      given(agentJob()).when({ type: 'UpdateJob', data: { job_id: JOB, patch: { name: 'Renamed' }, new_webhook: null, entity: null }, metadata: meta })
        .then([{ type: 'JobUpdated', data: { job_id: JOB, changes: { name: 'Renamed' } } }]));
    it('refreshes the entity name the registry now shows', () =>
      given(agentJob()).when({ type: 'UpdateJob', data: { job_id: JOB, patch: { name: 'Renamed' }, new_webhook: null, entity: { ...agent, name: 'Backup bot v2' } }, metadata: meta })
        .then([{ type: 'JobUpdated', data: { job_id: JOB, changes: { name: 'Renamed', entity_name: 'Backup bot v2' } } }]));
    it('records only the fields that changed', () =>
      given(created()).when({ type: 'UpdateJob', data: { job_id: JOB, patch: { name: 'Renamed', description: null }, new_webhook: null, entity: null }, metadata: meta })
        .then([{ type: 'JobUpdated', data: { job_id: JOB, changes: { name: 'Renamed' } } }]));
    it('records nothing when nothing changed', () =>
      given(created()).when({ type: 'UpdateJob', data: { job_id: JOB, patch: { name: 'Nightly Backup' }, new_webhook: null, entity: null }, metadata: meta }).then([]));
    it('validates the merged definition', () =>
      given(created()).when({ type: 'UpdateJob', data: { job_id: JOB, patch: { trigger_type: 'cron' }, new_webhook: null, entity: null }, metadata: meta }).thenFails('validation', /cron_schedule is required/));
    it('creates a webhook when the trigger becomes webhook', () =>
      given(created()).when({ type: 'UpdateJob', data: { job_id: JOB, patch: { trigger_type: 'webhook' }, new_webhook: webhook, entity: null }, metadata: meta })
        .then([{ type: 'JobUpdated', data: { job_id: JOB, changes: { trigger_type: 'webhook' }, webhook } }]));
    it('retires the webhook when the trigger stops being webhook', () =>
      given({ type: 'JobCreated', data: { job_id: JOB, organization_id: 'org-1', definition: definition({ trigger_type: 'webhook' }), webhook } })
        .when({ type: 'UpdateJob', data: { job_id: JOB, patch: { trigger_type: 'manual' }, new_webhook: null, entity: null }, metadata: meta })
        .then([{ type: 'JobUpdated', data: { job_id: JOB, changes: { trigger_type: 'manual' }, webhook: null } }]));
    it('disables through a patch of enabled', () =>
      given(created()).when({ type: 'UpdateJob', data: { job_id: JOB, patch: { enabled: false }, new_webhook: null, entity: null }, metadata: meta })
        .then([{ type: 'JobUpdated', data: { job_id: JOB, changes: { enabled: false } } }]));
    it('does not find a job of another organization', () =>
      given(created()).when({ type: 'UpdateJob', data: { job_id: JOB, patch: { name: 'x' }, new_webhook: null, entity: null }, metadata: otherOrg }).thenFails('not_found'));
    it('does not find a deleted job', () =>
      given(created(), { type: 'JobDeleted', data: { job_id: JOB } }).when({ type: 'UpdateJob', data: { job_id: JOB, patch: { name: 'x' }, new_webhook: null, entity: null }, metadata: meta }).thenFails('not_found'));
    it('does not find a job that never existed', () =>
      given().when({ type: 'UpdateJob', data: { job_id: JOB, patch: { name: 'x' }, new_webhook: null, entity: null }, metadata: meta }).thenFails('not_found', /not found/));
  });

  describe('EnableJob / DisableJob', () => {
    it('disables an active job', () =>
      given(created()).when({ type: 'DisableJob', data: { job_id: JOB }, metadata: meta }).then([{ type: 'JobDisabled', data: { job_id: JOB } }]));
    it('is a no-op to disable a disabled job', () =>
      given(created({ enabled: false })).when({ type: 'DisableJob', data: { job_id: JOB }, metadata: meta }).then([]));
    it('enables a disabled job', () =>
      given(created(), { type: 'JobDisabled', data: { job_id: JOB } }).when({ type: 'EnableJob', data: { job_id: JOB }, metadata: meta }).then([{ type: 'JobEnabled', data: { job_id: JOB } }]));
    it('is a no-op to enable an enabled job', () =>
      given(created()).when({ type: 'EnableJob', data: { job_id: JOB }, metadata: meta }).then([]));
    it('does not enable a deleted job', () =>
      given(created(), { type: 'JobDeleted', data: { job_id: JOB } }).when({ type: 'EnableJob', data: { job_id: JOB }, metadata: meta }).thenFails('not_found'));
    it('does not disable a job of another organization', () =>
      given(created()).when({ type: 'DisableJob', data: { job_id: JOB }, metadata: otherOrg }).thenFails('not_found'));
  });

  describe('DeleteJob', () => {
    it('deletes a job', () =>
      given(created()).when({ type: 'DeleteJob', data: { job_id: JOB }, metadata: meta }).then([{ type: 'JobDeleted', data: { job_id: JOB } }]));
    it('does not delete twice', () =>
      given(created(), { type: 'JobDeleted', data: { job_id: JOB } }).when({ type: 'DeleteJob', data: { job_id: JOB }, metadata: meta }).thenFails('not_found'));
    it('does not delete a job of another organization', () =>
      given(created()).when({ type: 'DeleteJob', data: { job_id: JOB }, metadata: otherOrg }).thenFails('not_found'));
    it('does not re-create a deleted id', () =>
      given(created(), { type: 'JobDeleted', data: { job_id: JOB } }).when({ type: 'CreateJob', data: { job_id: JOB, definition: definition(), webhook: null, entity: null }, metadata: meta }).thenFails('conflict'));
  });
});
