import { validateBody } from './request-validator';

const minimal = { name: 'Daily', trigger_type: 'manual', prompt_template: 'Check {{x}}' };

describe('validateBody(JobCreate)', () => {
  it('applies the seed defaults', () => {
    const result = validateBody<Record<string, unknown>>('JobCreate', minimal);
    expect(result).toEqual({ ok: true, value: expect.objectContaining({ enabled: true, cron_timezone: 'UTC', planning_mode: 'predefined_agent', executor_type: 'auto' }) });
  });
  it('drops unknown fields', () => {
    const result = validateBody<Record<string, unknown>>('JobCreate', { ...minimal, surprise: 1 });
    expect(result.ok && 'surprise' in result.value).toBe(false);
  });
  it('reports every missing required field', () => {
    const result = validateBody('JobCreate', {});
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues).toEqual(expect.arrayContaining([
      { loc: ['body', 'name'], msg: 'Field required', type: 'missing' },
      { loc: ['body', 'trigger_type'], msg: 'Field required', type: 'missing' },
      { loc: ['body', 'prompt_template'], msg: 'Field required', type: 'missing' },
    ]));
  });
  it.each([
    [{ name: '' }, 'name', 'string_too_short'],
    [{ name: 'x'.repeat(256) }, 'name', 'string_too_long'],
    [{ name: 42 }, 'name', 'string_type'],
    [{ trigger_type: 'hourly' }, 'trigger_type', 'literal_error'],
    [{ planning_mode: 'smart' }, 'planning_mode', 'literal_error'],
    [{ executor_type: 'any' }, 'executor_type', 'literal_error'],
    [{ entity_type: 'robot' }, 'entity_type', 'literal_error'],
    [{ enabled: 'yes please' }, 'enabled', 'bool_type'],
    [{ description: 5 }, 'description', 'string_type'],
    [{ config: [] }, 'config', 'dict_type'],
  ])('reports %j at body.%s as %s', (patch, field, type) => {
    const result = validateBody('JobCreate', { ...minimal, ...patch });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues).toEqual([expect.objectContaining({ loc: ['body', field], type })]);
  });
  it('names the allowed values', () => {
    const result = validateBody('JobCreate', { ...minimal, trigger_type: 'hourly' });
    if (!result.ok) expect(result.issues[0].msg).toBe("Input should be 'cron', 'webhook' or 'manual'");
  });
  it('locates errors inside nested objects', () => {
    const result = validateBody('JobCreate', { ...minimal, execution_environment: { env_vars: { A: 1 } } });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0].loc).toEqual(['body', 'execution_environment', 'env_vars', 'A']);
  });
  it('refuses a body that is not an object', () => {
    const result = validateBody('JobCreate', [1, 2]);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0].type).toBe('model_attributes_type');
  });
});

describe('validateBody(JobUpdate)', () => {
  it('accepts a partial body without adding defaults', () => expect(validateBody('JobUpdate', { name: 'x' })).toEqual({ ok: true, value: { name: 'x' } }));
  it('accepts null as "leave unchanged" for required fields', () => expect(validateBody('JobUpdate', { name: null }).ok).toBe(true));
  it('still checks types', () => expect(validateBody('JobUpdate', { enabled: 'nope' }).ok).toBe(false));
});
