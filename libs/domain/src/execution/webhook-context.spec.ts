import { requestExecution } from './request-execution';
import { pythonIndentedJson, webhookContextBlock } from './webhook-context';

describe('webhookContextBlock', () => {
  it('is empty without parameters and metadata', () => {
    expect(webhookContextBlock({}, {})).toBe('');
  });
  it('lists parameters and metadata as the reference service does', () => {
    expect(webhookContextBlock({ branch: 'main' }, { source: 'github' })).toBe(
      '\n\n---\nWebhook Context:\nParameters: {\n  "branch": "main"\n}\nMetadata: {\n  "source": "github"\n}\n',
    );
  });
  it('leaves out the part that is empty', () => {
    expect(webhookContextBlock({}, { source: 'ci' })).toBe('\n\n---\nWebhook Context:\nMetadata: {\n  "source": "ci"\n}\n');
  });
});

describe('pythonIndentedJson', () => {
  it('matches json.dumps(indent=2) with ensure_ascii (output of CPython)', () => {
    expect(pythonIndentedJson({ a: { b: 1 }, c: 'é\u007f' })).toBe('{\n  "a": {\n    "b": 1\n  },\n  "c": "\\u00e9\\u007f"\n}');
  });
});

describe('requestExecution for a webhook', () => {
  const job = {
    job_id: 'job_1', organization_id: 'org', status: 'active' as const,
    definition: {
      name: 'n', description: null, enabled: true, trigger_type: 'webhook' as const, cron_schedule: null, cron_timezone: 'UTC',
      planning_mode: 'on_the_fly' as const, entity_type: null, entity_id: null, entity_name: null, prompt_template: 'Deploy {{branch}}',
      system_prompt: null, executor_type: 'auto' as const, worker_queue_name: null, environment_name: null, config: {}, execution_environment: null,
    },
  };
  const command = (source: 'webhook' | 'manual') => ({
    type: 'RequestExecution' as const,
    metadata: { organizationId: 'org', actor: { id: 'webhook', email: null }, now: '2026-01-01T00:00:00.000Z', correlationId: 'c' },
    data: { execution_id: 'e-1', job, parameters: { branch: 'main' }, config_override: null, source, scheduled_for: null, trigger_metadata: { metadata: { source: 'ci' } } },
  });
  it('appends the Webhook Context block to the rendered prompt', () => {
    const [event] = requestExecution(command('webhook') as never, { status: 'absent' } as never);
    expect((event.data as { prompt: string }).prompt).toBe(`Deploy main${webhookContextBlock({ branch: 'main' }, { source: 'ci' })}`);
  });
  it('leaves a manual run\'s prompt as rendered', () => {
    const [event] = requestExecution(command('manual') as never, { status: 'absent' } as never);
    expect((event.data as { prompt: string }).prompt).toBe('Deploy main');
  });
});
