import type { SecretBox } from '@cp/config';
import type { WorkItem } from '@cp/contracts';

/** The only variables a `command` agent inherits from the worker: never its database URL, keys or tokens. */
const INHERITED = ['PATH', 'HOME', 'LANG', 'LC_ALL', 'TZ', 'TMPDIR', 'SYSTEMROOT'];

/** Where the worker finds the value of a named secret: `WORKER_SECRET_<NAME>` (upper case, non-alphanumerics as `_`). */
export const secretVariable = (name: string): string => `WORKER_SECRET_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;

export class MissingSecrets extends Error {}

/**
 * Resolves the execution's secret names from this worker's own environment. A value sealed with the control plane's
 * SecretBox (`v1.…`) is decrypted with SECRETS_KEY, so operators can keep only sealed values in the environment.
 */
export function secretValues(names: readonly string[], workerEnv: NodeJS.ProcessEnv, secretBox: SecretBox): Record<string, string> {
  const values: Record<string, string> = {};
  const missing: string[] = [];
  for (const name of names) {
    const raw = workerEnv[secretVariable(name)];
    if (raw === undefined) {
      missing.push(`${name} (set ${secretVariable(name)} on the worker)`);
      continue;
    }
    values[name] = raw.startsWith('v1.') ? secretBox.decrypt(raw) : raw;
  }
  if (missing.length > 0) throw new MissingSecrets(`secrets not available on this worker: ${missing.join(', ')}`);
  return values;
}

/** Environment of a `command` agent: a few basics, the job's env_vars, then its secrets, then the execution ids. */
export function childEnv(item: WorkItem, secrets: Record<string, string>, workerEnv: NodeJS.ProcessEnv): Record<string, string> {
  const inherited = Object.fromEntries(INHERITED.filter((key) => workerEnv[key] !== undefined).map((key) => [key, workerEnv[key] as string]));
  return { ...inherited, ...item.env_vars, ...secrets, EXECUTION_ID: item.execution_id, EXECUTION_ATTEMPT: String(item.attempt), JOB_ID: item.job_id };
}
