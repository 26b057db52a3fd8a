import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

/** What `jobs login` stores. */
export type StoredConfig = { url?: string; token?: string };

const APP_DIR = 'jobs-control-plane';

/** `$XDG_CONFIG_HOME/jobs-control-plane/config.json`, else `~/.config/jobs-control-plane/config.json`. */
export function configFilePath(env: NodeJS.ProcessEnv): string {
  const base = env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME.startsWith('/') ? env.XDG_CONFIG_HOME : join(env.HOME || homedir(), '.config');
  return join(base, APP_DIR, 'config.json');
}

export function readConfigFile(path: string): StoredConfig {
  if (!existsSync(path)) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`Cannot read ${path}: ${(error as Error).message}. Fix or delete it, then run 'jobs login' again.`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error(`${path} should hold a JSON object like {"url": "...", "token": "..."}`);
  const { url, token } = parsed as Record<string, unknown>;
  return { url: typeof url === 'string' ? url : undefined, token: typeof token === 'string' ? token : undefined };
}

/** Writes the file readable by its owner only (0600, directory 0700), atomically. */
export function writeConfigFile(path: string, config: StoredConfig): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, path);
}
