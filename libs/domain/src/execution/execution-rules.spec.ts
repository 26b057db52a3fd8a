import { DomainFailure } from '@cp/contracts';
import { selectAgent } from './agent-selection';
import { executionConfigIssues, mergeConfig, retryDelaySeconds, retryPolicy, timeoutSeconds } from './execution-policy';
import { missingTemplateVariables, renderPromptTemplate } from './prompt-template';
import { workQueueFor } from './work-queue';

describe('prompt template', () => {
  it('fills {{name}} and {{ name }}', () => expect(renderPromptTemplate('Back up {{db}} to {{ bucket }}', { db: 'orders', bucket: 's3://b' })).toBe('Back up orders to s3://b'));
  it('does not expand placeholders inside parameter values', () => expect(renderPromptTemplate('Say {{a}}', { a: '{{b}}', b: 'no' })).toBe('Say {{b}}'));
  it('writes numbers, booleans and objects as text', () => expect(renderPromptTemplate('{{n}} {{f}} {{o}}', { n: 3, f: false, o: { k: 1 } })).toBe('3 false {"k":1}'));
  it('treats a template without placeholders as complete', () => expect(renderPromptTemplate('Just run', {})).toBe('Just run'));
  it('lists each missing variable once, in order', () => expect(missingTemplateVariables('{{b}} {{a}} {{ b }}', {})).toEqual(['b', 'a']));
  it('throws a 422 whose issues name every missing variable', () => {
    let failure: unknown;
    try { renderPromptTemplate('{{x}} {{y}}', { x: 1 }); } catch (error) { failure = error; }
    expect(failure).toBeInstanceOf(DomainFailure);
    expect((failure as DomainFailure).error).toEqual({ code: 'validation', detail: [{ loc: ['body', 'parameters', 'y'], msg: "Missing required parameter 'y' used in the prompt template as {{y}}", type: 'missing' }] });
  });
});

describe('execution policy', () => {
  it('merges nested config objects, the override winning', () =>
    expect(mergeConfig({ timeout: 10, retry: { max_attempts: 3, backoff_seconds: 1 }, tags: ['a'] }, { retry: { backoff_seconds: 9 }, tags: ['b'] }))
      .toEqual({ timeout: 10, retry: { max_attempts: 3, backoff_seconds: 9 }, tags: ['b'] }));
  it('keeps the job config without an override', () => expect(mergeConfig({ a: 1 }, null)).toEqual({ a: 1 }));
  it('reads the timeout in seconds; 0 or absent means none', () => {
    expect(timeoutSeconds({ timeout: 30 })).toBe(30);
    expect(timeoutSeconds({ timeout: 0 })).toBeNull();
    expect(timeoutSeconds({})).toBeNull();
  });
  it('defaults to a single attempt', () => expect(retryPolicy({}).max_attempts).toBe(1));
  it('backs off exponentially up to the cap', () => {
    const policy = retryPolicy({ retry: { max_attempts: 9, backoff_seconds: 2, backoff: 'exponential', max_backoff_seconds: 10 } });
    expect([1, 2, 3, 4].map((attempt) => retryDelaySeconds(policy, attempt))).toEqual([2, 4, 8, 10]);
  });
  it('backs off by a fixed delay otherwise', () => expect(retryDelaySeconds(retryPolicy({ retry: { max_attempts: 3, backoff_seconds: 4 } }), 3)).toBe(4));
  it('reports bad timeout and retry settings', () =>
    expect(executionConfigIssues({ timeout: 'soon', retry: { max_attempts: 1.5 } }).map((i) => i.loc.join('.'))).toEqual(['body.config.timeout', 'body.config.retry.max_attempts']));
  it('reports a retry that is not an object', () => expect(executionConfigIssues({ retry: 3 })[0].msg).toMatch(/retry must be an object/));
});

describe('agent selection (on_the_fly)', () => {
  const agent = (agent_id: string, capabilities: string[], load = 0) => ({ agent_id, name: agent_id, description: null, capabilities, load, default_worker_queue: null });
  it('prefers the agent matching more capabilities', () =>
    expect(selectAgent('Restart the kubernetes deployment and check logs', [agent('a', ['logs']), agent('b', ['kubernetes', 'logs'], 5)])?.agent_id).toBe('b'));
  it('matches multi-word capabilities only when every word appears', () =>
    expect(selectAgent('run the data pipeline', [agent('a', ['data-analysis']), agent('b', ['data-pipeline'], 1)])?.matched_capabilities).toEqual(['data-pipeline']));
  it('breaks ties by the lower load', () => expect(selectAgent('deploy', [agent('a', ['deploy'], 2), agent('b', ['deploy'], 1)])?.agent_id).toBe('b'));
  it('falls back to the least loaded agent and says so', () => {
    const selection = selectAgent('something else', [agent('a', ['x'], 3), agent('b', ['y'], 0)]);
    expect(selection).toMatchObject({ agent_id: 'b', score: 0 });
    expect(selection?.reason).toMatch(/least loaded/);
  });
  it('selects nothing without candidates', () => expect(selectAgent('anything', [])).toBeNull());
});

describe('work queue', () => {
  const routing = { executor_type: 'auto' as const, worker_queue_name: null, environment_name: null };
  it('sends auto to default', () => expect(workQueueFor(routing)).toBe('default'));
  it('sends specific_queue to the worker queue', () => expect(workQueueFor({ ...routing, executor_type: 'specific_queue', worker_queue_name: 'gpu' })).toBe('gpu'));
  it('sends environment to env.<name>', () => expect(workQueueFor({ ...routing, executor_type: 'environment', environment_name: 'staging' })).toBe('env.staging'));
});
