import { DEFAULT_BASE_URL } from '@cp/sdk';
import { configFilePath, readConfigFile } from './config-file';

export type ConnectionFlags = { url?: string; token?: string };
export type Connection = { url: string; token: string | null; urlSource: string; tokenSource: string | null };

const URL_ENV = ['CONTROL_PLANE_URL', 'KUBIYA_CONTROL_PLANE_BASE_URL'];
const TOKEN_ENV = ['CONTROL_PLANE_API_KEY', 'KUBIYA_API_KEY'];

/** Flags win over the environment, which wins over the file `jobs login` wrote; the URL defaults to `npm start`'s. */
export function resolveConnection(flags: ConnectionFlags, env: NodeJS.ProcessEnv): Connection {
  const path = configFilePath(env);
  const file = readConfigFile(path);
  const url = pick([['--url', flags.url], ...URL_ENV.map((name): Candidate => [name, env[name]]), [path, file.url]]);
  const token = pick([['--token', flags.token], ...TOKEN_ENV.map((name): Candidate => [name, env[name]]), [path, file.token]]);
  return { url: url?.value ?? DEFAULT_BASE_URL, urlSource: url?.source ?? 'default', token: token?.value ?? null, tokenSource: token?.source ?? null };
}

type Candidate = [source: string, value: string | undefined];

function pick(candidates: Candidate[]): { source: string; value: string } | null {
  for (const [source, value] of candidates) if (value && value.trim() !== '') return { source, value: value.trim() };
  return null;
}
