import { SecretBox } from '@cp/config';
import type { WorkItem } from '@cp/contracts';
import { childEnv, MissingSecrets, secretValues, secretVariable } from './child-env';

const box = new SecretBox(Buffer.alloc(32, 1));
const item = { execution_id: 'e-1', attempt: 2, job_id: 'job_1', env_vars: { LEVEL: 'debug', PATH: '/opt/bin' } } as unknown as WorkItem;

describe('child environment of a command agent', () => {
  it('inherits only a few basics from the worker, never its credentials', () => {
    const env = childEnv({ ...item, env_vars: {} }, {}, { PATH: '/usr/bin', HOME: '/home/w', DATABASE_URL: 'postgres://secret', SECRETS_KEY: 'k', JWT_SECRET: 'j' });
    expect(env).toEqual({ PATH: '/usr/bin', HOME: '/home/w', EXECUTION_ID: 'e-1', EXECUTION_ATTEMPT: '2', JOB_ID: 'job_1' });
  });

  it('adds the job env_vars (which may override the basics) and then the secrets', () => {
    const env = childEnv(item, { API_KEY: 's3cret', LEVEL: 'from-secret' }, { PATH: '/usr/bin' });
    expect(env).toMatchObject({ PATH: '/opt/bin', LEVEL: 'from-secret', API_KEY: 's3cret' });
  });

  it('takes secrets from WORKER_SECRET_<NAME>, decrypting sealed values', () => {
    expect(secretVariable('db-password')).toBe('WORKER_SECRET_DB_PASSWORD');
    const values = secretValues(['API_KEY', 'db-password'], { WORKER_SECRET_API_KEY: 'plain', WORKER_SECRET_DB_PASSWORD: box.encrypt('sealed') }, box);
    expect(values).toEqual({ API_KEY: 'plain', 'db-password': 'sealed' });
  });

  it('names every secret the worker does not have, and never reads another variable of the worker', () => {
    expect(() => secretValues(['DATABASE_URL', 'TOKEN'], { DATABASE_URL: 'postgres://x', TOKEN: 't' }, box)).toThrow(MissingSecrets);
    expect(() => secretValues(['TOKEN'], {}, box)).toThrow('secrets not available on this worker: TOKEN (set WORKER_SECRET_TOKEN on the worker)');
  });
});
